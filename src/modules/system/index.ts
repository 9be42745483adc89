/** OCP's health module: the probes clients call first. */
export { OCP_BUILD_VERSION, SYSTEM_CALLS } from './calls.js';
