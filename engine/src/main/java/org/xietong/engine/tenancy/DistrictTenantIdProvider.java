package org.xietong.engine.tenancy;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateCaseExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * Tenancy = district. Camunda asks this only for definitions deployed without a tenant (the shared
 * provincial templates); definitions of a district variant keep their own tenant.
 * A called sub-instance stays in its caller's district; a top-level instance takes the start
 * variable {@code districtId}; a decision evaluated from a process takes that process's district.
 */
@Component
public class DistrictTenantIdProvider implements TenantIdProvider {

  public static final String DISTRICT_VARIABLE = "districtId";

  // Tenant ids are stored in 64-character columns; districts are lower-case slugs such as "xiaoshan-xintang".
  private static final Pattern DISTRICT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  @Override
  public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
    String callerTenant = tenantOf(context.getSuperExecution(), context.getSuperCaseExecution());
    return callerTenant != null ? callerTenant : districtOf(context.getVariables());
  }

  @Override
  public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
    String callerTenant = tenantOf(context.getSuperExecution(), context.getSuperCaseExecution());
    return callerTenant != null ? callerTenant : districtOf(context.getVariables());
  }

  @Override
  public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
    // A decision evaluated on its own through REST has no district to inherit and stays shared.
    return tenantOf(context.getExecution(), context.getCaseExecution());
  }

  private static String tenantOf(DelegateExecution execution, DelegateCaseExecution caseExecution) {
    if (execution != null) {
      return execution.getTenantId();
    }
    return caseExecution != null ? caseExecution.getTenantId() : null;
  }

  private static String districtOf(VariableMap variables) {
    Object district = variables == null ? null : variables.get(DISTRICT_VARIABLE);
    if (district == null) {
      return null;
    }
    if (!(district instanceof String districtId) || !DISTRICT_ID.matcher(districtId).matches()) {
      throw new BadUserRequestException(
          "start variable '" + DISTRICT_VARIABLE + "' must be a district id such as 'jiashan', got: " + district);
    }
    return districtId;
  }
}
