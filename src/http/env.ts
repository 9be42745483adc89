/** The Hono environment shared by every route and middleware. */
import type { HttpBindings } from '@hono/node-server';
import type { Simulator } from '../simulator/simulator.js';
import type { RequestState } from './requestState.js';

export interface AppEnv {
  Bindings: Partial<HttpBindings>;
  /**
   * Set for the control plane by its middleware (OCP routes get their state from the gate as an
   * argument, without a context lookup).
   */
  Variables: {
    sim: Simulator;
    state: RequestState;
  };
}
