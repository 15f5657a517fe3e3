package org.xietong.engine.hardening;

import java.beans.FeatureDescriptor;
import java.util.Iterator;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngineServices;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * Sits first in the JUEL resolver chain and refuses the members through which an expression in a deployed
 * model could reach reflection, the class loader, the OS or the engine's own services and database.
 * Everything else falls through to Camunda's resolvers unchanged.
 */
final class ReflectionGuardElResolver extends ELResolver {

  private static final Set<String> DENIED_MEMBERS = Set.of(
      "class", "getClass", "forName", "classLoader", "getClassLoader", "contextClassLoader",
      "getContextClassLoader", "processEngine", "getProcessEngine", "processEngineServices",
      "getProcessEngineServices", "processEngineConfiguration", "getProcessEngineConfiguration");

  private static final Set<Class<?>> DENIED_BASES = Set.of(
      Class.class, ClassLoader.class, Module.class, Runtime.class, ProcessBuilder.class, Process.class,
      Thread.class, ThreadGroup.class, ProcessEngine.class, ProcessEngineServices.class,
      ProcessEngineConfiguration.class, javax.sql.DataSource.class, java.sql.Connection.class,
      java.lang.reflect.AccessibleObject.class, java.lang.reflect.Member.class,
      java.lang.invoke.MethodHandle.class, java.lang.invoke.MethodHandles.Lookup.class);

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    check(base, property);
    return null;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    check(base, method);
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    check(base, property);
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    check(base, property);
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    check(base, property);
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return null;
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  private static void check(Object base, Object member) {
    if (base == null) {
      return;
    }
    if (member != null && DENIED_MEMBERS.contains(member.toString())) {
      throw new ELException("expression member '" + member + "' is not accepted by this engine");
    }
    for (Class<?> denied : DENIED_BASES) {
      if (denied.isInstance(base)) {
        throw new ELException("expressions may not use " + denied.getSimpleName() + " objects on this engine");
      }
    }
  }
}
