// The four long-running parts of the stack: how each is started, when it is ready, how long it may take to stop.
import * as path from 'node:path';
import { findJavaHome, keycloakCommand, keycloakHome, keycloakReadyUrl } from './keycloak';
import type { Profile } from './profiles';

export type ComponentName = 'keycloak' | 'engine' | 'api' | 'workers';

/** Workers first, so they finish or release their tasks while the engine and the API still answer. */
export const stopOrder: readonly ComponentName[] = ['workers', 'api', 'engine', 'keycloak'];

export const engineJar = path.join('engine', 'target', 'xietong-engine.jar');

/** The copy the engine runs from: a rebuild of engine/target must not pull the jar from under a running JVM. */
export function runningEngineJar(profile: Profile): string {
  return path.join(profile.stateDir, 'xietong-engine.jar');
}
const ENGINE_JAVA_MIN_MAJOR = 17;

export interface Component {
  name: ComponentName;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Answers 200 once the component is usable. */
  readyUrl: string;
  readyTimeoutMs: number;
  logFile: string;
}

export function componentFor(profile: Profile, name: ComponentName, extraEnv: Record<string, string> = {}): Component {
  const env = { ...process.env, ...profile.env, ...extraEnv };
  const logFile = path.join(profile.logDir, `${name}.log`);
  const readyUrl = readyUrlOf(profile, name);
  switch (name) {
    case 'keycloak': {
      const keycloak = keycloakCommand({
        home: keycloakHome(),
        port: profile.ports.keycloak,
        managementPort: profile.ports.keycloakManagement,
        db: profile.keycloakDb,
        publicUrl: profile.urls.keycloak,
      });
      return {
        name,
        command: keycloak.command,
        args: keycloak.args,
        env: { ...env, ...keycloak.env },
        readyUrl,
        readyTimeoutMs: 180_000,
        logFile,
      };
    }
    case 'engine': {
      const javaHome = findJavaHome(ENGINE_JAVA_MIN_MAJOR);
      return {
        name,
        command: javaHome ? path.join(javaHome, 'bin', 'java') : 'java',
        // C1 only: the local engine starts in half the CPU time on 2 cores; production images run the full JIT.
        args: ['-XX:TieredStopAtLevel=1', '-jar', runningEngineJar(profile)],
        env,
        readyUrl,
        readyTimeoutMs: 180_000,
        logFile,
      };
    }
    case 'api':
    case 'workers': {
      const entry = name === 'api' ? path.join('dist', 'src', 'main.js') : path.join('dist', 'workers', 'main.js');
      return { name, command: process.execPath, args: [entry], env, readyUrl, readyTimeoutMs: 60_000, logFile };
    }
  }
}

/** Answers 200 once the component is usable. */
export function readyUrlOf(profile: Profile, name: ComponentName): string {
  switch (name) {
    case 'keycloak':
      return keycloakReadyUrl(profile.ports.keycloakManagement);
    case 'engine':
      return `http://127.0.0.1:${profile.ports.engine}/actuator/health`;
    case 'api':
    // The workers have no port: they count as up once the API's health sees their heartbeat.
    case 'workers':
      return `http://127.0.0.1:${profile.ports.api}/api/health`;
  }
}

/** How long a component may take after SIGTERM before it gets SIGKILL. */
export function stopGraceMs(name: ComponentName, env: NodeJS.ProcessEnv = process.env): number {
  switch (name) {
    case 'workers':
      // Longer than the workers' own grace (src/config default 10 s) for finishing in-flight tasks.
      return (Number(env.WORKER_SHUTDOWN_GRACE_MS) || 10_000) + 5_000;
    case 'api':
      return 10_000;
    case 'engine':
      return 20_000;
    case 'keycloak':
      return 15_000;
  }
}
