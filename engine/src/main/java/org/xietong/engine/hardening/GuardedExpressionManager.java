package org.xietong.engine.hardening;

import org.camunda.bpm.engine.impl.el.JuelExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Camunda's plain JUEL expression manager (no Spring beans reachable from models),
 * with {@link ReflectionGuardElResolver} consulted before any other resolver.
 */
final class GuardedExpressionManager extends JuelExpressionManager {

  @Override
  protected ELResolver createElResolver() {
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new ReflectionGuardElResolver());
    resolver.add(super.createElResolver());
    return resolver;
  }
}
