// ODE integration: the adaptive integrator with located events and scheduled changes (odex
// with dense output; problem types, driver, event scanner, output grid), and fixed-step RK4 and
// Euler on a uniform grid.
export type {
  Rhs,
  EventContext,
  IntegrateEvent,
  ScheduledChange,
  IntegrateOptions,
  EventRecord,
  IntegrateStatus,
  IntegrateStats,
  IntegrateResult,
} from './integrateTypes.js';
export { integrate, INTEGRATE_DEFAULTS } from './integrate.js';
export { rk4, euler, createRk4Stepper, createEulerStepper, FIXED_STEP_MAX_STEPS } from './fixedStep.js';
export type { Stepper, FixedStepOptions, FixedStepStatus, FixedStepResult } from './fixedStep.js';
