package org.xietong.engine.hardening;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptEngineManager;
import org.camunda.bpm.engine.impl.scripting.engine.ScriptEngineResolver;

/**
 * Resolves no script engine for any language, so scripts in BPMN and DMN can never run
 * (the FEEL and JUEL JSR-223 engines on the classpath included).
 */
final class NoScriptEngineResolver implements ScriptEngineResolver {

  // An empty manager for callers that only inspect it: null class loader means no classpath engines.
  private final ScriptEngineManager emptyManager = new ScriptEngineManager(null);

  @Override
  public void addScriptEngineFactory(ScriptEngineFactory scriptEngineFactory) {
    throw new UnsupportedOperationException("script engines are disabled on this engine");
  }

  @Override
  public ScriptEngineManager getScriptEngineManager() {
    return emptyManager;
  }

  @Override
  public ScriptEngine getScriptEngine(String language, boolean resolveFromCache) {
    return null;
  }
}
