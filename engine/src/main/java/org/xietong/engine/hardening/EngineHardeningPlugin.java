package org.xietong.engine.hardening;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Applies what Camunda's properties cannot express: no script engines, guarded JUEL without Spring beans,
 * the deployment guard, and the district tenant provider. Runs after the starter's own configuration
 * (no explicit order = last) and refuses to start an engine whose hardening flags were switched off.
 */
@Component
public class EngineHardeningPlugin extends AbstractProcessEnginePlugin {

  private static final Logger LOG = LoggerFactory.getLogger(EngineHardeningPlugin.class);

  private final TenantIdProvider tenantIdProvider;

  public EngineHardeningPlugin(TenantIdProvider tenantIdProvider) {
    this.tenantIdProvider = tenantIdProvider;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setScriptEngineResolver(new NoScriptEngineResolver());
    configuration.setExpressionManager(new GuardedExpressionManager());
    List<BpmnParseListener> parseListeners = configuration.getCustomPreBPMNParseListeners() == null
        ? new ArrayList<>()
        : new ArrayList<>(configuration.getCustomPreBPMNParseListeners());
    parseListeners.add(0, new DeploymentGuardParseListener());
    configuration.setCustomPreBPMNParseListeners(parseListeners);
    configuration.setTenantIdProvider(tenantIdProvider);
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    List<String> unsafe = new ArrayList<>();
    if (configuration.isJavaSerializationFormatEnabled()) {
      unsafe.add("javaSerializationFormatEnabled must be false");
    }
    if (configuration.isEnableXxeProcessing()) {
      unsafe.add("enableXxeProcessing must be false");
    }
    if (configuration.isEnableExpressionsInAdhocQueries()) {
      unsafe.add("enableExpressionsInAdhocQueries must be false");
    }
    if (configuration.isEnableExpressionsInStoredQueries()) {
      unsafe.add("enableExpressionsInStoredQueries must be false");
    }
    if (!configuration.isDeserializationTypeValidationEnabled()) {
      unsafe.add("deserializationTypeValidationEnabled must be true");
    }
    if (!(configuration.getScriptEngineResolver() instanceof NoScriptEngineResolver)) {
      unsafe.add("script engines must stay disabled");
    }
    if (!(configuration.getExpressionManager() instanceof GuardedExpressionManager)) {
      unsafe.add("the guarded expression manager must stay in place");
    }
    if (!unsafe.isEmpty()) {
      throw new IllegalStateException("refusing to start an unhardened engine: " + String.join("; ", unsafe));
    }
    LOG.info("engine hardened: no script engines, guarded expressions, deployment guard on, tenant provider {}",
        tenantIdProvider.getClass().getSimpleName());
  }
}
