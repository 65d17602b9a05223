/*
 * A real Apache Kafka broker (KRaft, one combined controller+broker node) for development and tests, run from
 * Maven Central jars by the machine's JDK 17: no Docker, no tarball download.
 *
 * Version: Apache Kafka 4.4.0, the newest release the Maven mirror serves (4.1.x..4.4.0). Checked with kafkajs 2.2.4
 * against a broker started by this file: topic creation, produce, idempotent `sendBatch`, a transaction, and
 * consumer groups (JoinGroup/SyncGroup/Heartbeat/OffsetCommit/OffsetFetch), including a rebalance between two
 * members of one group using `eachBatch`. kafkajs negotiates the highest API version both sides know, and its
 * JoinGroup goes up to v5, so KIP-896's removal of JoinGroup v0/v1 (4.0.0; put back in 4.0.1/4.1) does not reach
 * it; 4.0.0 and 4.1.0 passed the same consumer-group check. test/infra/infra.e2e-spec.ts repeats the group check on every run.
 *
 * The broker is `org.apache.kafka:kafka_2.13` plus its runtime dependencies, resolved by `mvn` from
 * scripts/infra/kafka/pom.xml into ~/.m2 (the cache shared by every clone). The computed classpath is cached under
 * .data/kafka-classpath/, keyed by version and pom, so a warm start runs no Maven at all.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { componentLogger, freePort, guardChildProcess, repoRoot, type ComponentLogger, type LogFn } from '../../libs/infra/src'; // relative: the tests' global setup loads this file without path mapping

export const KAFKA_VERSION = '4.4.0';
/** The log4j release Kafka 4.4.0 depends on; api, core and the slf4j binding are pinned to it together. */
const LOG4J_VERSION = '2.25.5';

const REPO_ROOT = repoRoot();
const POM = path.join(REPO_ROOT, 'scripts', 'infra', 'kafka', 'pom.xml');
const CLASSPATH_CACHE_DIR = path.join(REPO_ROOT, '.data', 'kafka-classpath');
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 15_000;
const MVN_TIMEOUT_MS = 15 * 60_000;
const FORMAT_TIMEOUT_MS = 60_000;

const BROKER_JVM = ['-Xms256m', '-Xmx512m', '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20', '-XX:+ExitOnOutOfMemoryError'];
/** The format tool lives for a second: the C1 compiler alone and the serial GC halve its start-up. */
const TOOL_JVM = ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC'];

export interface StartKafkaOptions {
  /** Keeps topics and offsets across runs. Without it the broker lives in a temp dir that stop() removes. */
  dataDir?: string;
  /** Client port on 127.0.0.1; a free one when omitted. */
  port?: number;
  /**
   * The port the broker tells clients to connect to (its advertised listener), when that is not `port`: a TCP
   * proxy in front of the broker (the fault suite's network scenarios), which must be listening before the start.
   */
  advertisedPort?: number;
  log?: LogFn;
}

export interface KafkaHandle {
  /** `127.0.0.1:port`, for kafkajs' `brokers` or KAFKA_BROKERS. */
  brokers: string;
  version: string;
  /** The java process, so callers can check it is gone after stop(). */
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

const ALTERNATIVES = 'Alternatives: set KAFKA_BROKERS to an existing broker (host:port), or run the broker from docker/compose.yml.';

function missing(what: string): Error {
  return new Error(`Cannot start a local Kafka broker: ${what}. ${ALTERNATIVES}`);
}

/**
 * JAVA_HOME wins over PATH, as in Kafka's own scripts. Child processes get `env: process.env` explicitly because
 * under jest `process.env` is a per-test copy that spawn would otherwise ignore.
 */
function javaBinary(): string {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['-version'], { encoding: 'utf8', env: process.env });
  if (probe.error) throw missing(`'${java}' (JDK 17 or newer) was not found`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr ?? '');
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= 17)) {
    throw missing(`'${java}' is Java ${Number.isNaN(major) ? 'of an unknown version' : major}, Kafka 4 needs 17 or newer`);
  }
  return java;
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

async function tail(file: string, lines = 40): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 64 * 1024);
      const buffer = Buffer.alloc(length);
      await handle.read(buffer, 0, length, size - length);
      return lastLines(buffer.toString('utf8'), lines);
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/** Runs a short-lived tool without blocking the event loop, keeping the tail of its output for error messages. */
function run(command: string, args: string[], timeoutMs: number, onTick?: () => void): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = lastLines(output + chunk.toString('utf8'), 60);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const ticker = onTick ? setInterval(onTick, 10_000) : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const done = (): void => {
      clearInterval(ticker);
      clearTimeout(timer);
    };
    child.once('error', (err) => {
      done();
      reject(err);
    });
    child.once('close', (code, signal) => {
      done();
      resolve({ code, signal, output });
    });
  });
}

async function classpathIsComplete(classpath: string): Promise<boolean> {
  const entries = classpath.split(path.delimiter).filter(Boolean);
  if (entries.length === 0) return false;
  const found = await Promise.all(
    entries.map((entry) =>
      stat(entry).then(
        () => true,
        () => false,
      ),
    ),
  );
  return found.every(Boolean);
}

/** The broker's classpath: from the cache while every jar is still in ~/.m2, otherwise from `mvn`. */
async function resolveClasspath(log: ComponentLogger): Promise<string> {
  const pom = await readFile(POM, 'utf8');
  const key = createHash('sha256').update(`${KAFKA_VERSION}\n${LOG4J_VERSION}\n${pom}`).digest('hex').slice(0, 12);
  const cacheFile = path.join(CLASSPATH_CACHE_DIR, `kafka_2.13-${KAFKA_VERSION}-${key}.classpath`);
  const cached = await readFile(cacheFile, 'utf8').then(
    (text) => text.trim(),
    () => '',
  );
  if (cached && (await classpathIsComplete(cached))) return cached;

  if (spawnSync('mvn', ['-v'], { stdio: 'ignore', env: process.env }).error) {
    throw missing(`'mvn' (Maven, which fetches the broker's jars from Maven Central) was not found`);
  }
  await mkdir(CLASSPATH_CACHE_DIR, { recursive: true });
  const outputFile = `${cacheFile}.${process.pid}.tmp`;
  const started = Date.now();
  const artifact = `org.apache.kafka:kafka_2.13:${KAFKA_VERSION}`;
  log.info('resolving the Kafka broker with Maven (a cold ~/.m2 downloads about 65 MB)', { artifact });
  const result = await run(
    'mvn',
    [
      '-q',
      '-B',
      '-Dstyle.color=never',
      '-f',
      POM,
      'dependency:build-classpath',
      `-Dkafka.version=${KAFKA_VERSION}`,
      `-Dlog4j.version=${LOG4J_VERSION}`,
      '-Dmdep.includeScope=runtime',
      `-Dmdep.outputFile=${outputFile}`,
    ],
    MVN_TIMEOUT_MS,
    () => log.info('still resolving the Kafka broker with Maven', { artifact, elapsedMs: Date.now() - started }),
  );
  if (result.code !== 0) {
    await rm(outputFile, { force: true });
    throw new Error(`mvn could not resolve ${artifact} (exit ${result.code ?? result.signal}); its output ends with:\n${result.output}`);
  }
  const classpath = (await readFile(outputFile, 'utf8')).trim();
  // Rename is atomic: a start running concurrently never reads a half-written cache file.
  await rename(outputFile, cacheFile);
  log.info('resolved the Kafka broker', { artifact, jars: classpath.split(path.delimiter).length, elapsedMs: Date.now() - started });
  return classpath;
}

function serverProperties(o: { port: number; advertisedPort: number; controllerPort: number; logDirs: string }): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static quorum rather than `format --standalone`: the controller's endpoint then lives in this file, not in
    // the metadata log, so a persistent data dir can come back on another free port.
    'controller.quorum.voters': `1@127.0.0.1:${o.controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${o.port},CONTROLLER://127.0.0.1:${o.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${o.advertisedPort}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': o.logDirs,
    // One node: internal topics must not wait for replicas that will never exist, or consumer groups never find a
    // coordinator (kafkajs#1752).
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    // 10 rather than the default 50: the first consumer group waits for every __consumer_offsets leader.
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.num.partitions': 10,
    'group.initial.rebalance.delay.ms': 0,
    'auto.create.topics.enable': true,
    // Order holds per key only; several partitions keep code and tests honest about that.
    'num.partitions': 3,
    // Sized for a 2-core dev machine that also runs the apps, PostgreSQL and the tests.
    'num.network.threads': 2,
    'num.io.threads': 4,
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.retention.hours': 24,
    'log.retention.bytes': 256 * 1024 * 1024,
    'log.retention.check.interval.ms': 60_000,
  };
  return `${Object.entries(settings)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n')}\n`;
}

function log4jProperties(logFile: string): string {
  // Everything goes to a size-capped file in the data dir: the broker is chatty at INFO and our stdout is not its.
  return [
    'status = error',
    'appender.file.type = RollingFile',
    'appender.file.name = FILE',
    `appender.file.fileName = ${logFile}`,
    `appender.file.filePattern = ${logFile}.%i`,
    'appender.file.layout.type = PatternLayout',
    'appender.file.layout.pattern = [%d] %p %m (%c)%n',
    'appender.file.policies.type = Policies',
    'appender.file.policies.size.type = SizeBasedTriggeringPolicy',
    'appender.file.policies.size.size = 10MB',
    'appender.file.strategy.type = DefaultRolloverStrategy',
    'appender.file.strategy.max = 3',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.file.ref = FILE',
    // Per-partition state-change chatter buries what matters when reading the log after a failure.
    'logger.stateChange.name = state.change.logger',
    'logger.stateChange.level = WARN',
    '',
  ].join('\n');
}

function jvmArgs(flags: string[], classpath: string, log4jConfig: string, logsDir: string): string[] {
  return [
    ...flags,
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jConfig}`,
    `-Dkafka.logs.dir=${logsDir}`,
    '-cp',
    classpath,
  ];
}

async function formatStorage(java: string, jvm: string[], config: string, log: ComponentLogger): Promise<void> {
  // Kafka's own id format: 16 random bytes, URL-safe base64 without padding.
  // A base64url id may begin with '-', which the tool would read as an option: pass it as --cluster-id=<id>.
  const clusterId = randomBytes(16).toString('base64url');
  const args = [...jvm, 'kafka.tools.StorageTool', 'format', '--config', config, `--cluster-id=${clusterId}`];
  const result = await run(java, args, FORMAT_TIMEOUT_MS);
  if (result.code !== 0) {
    throw new Error(`formatting KRaft storage failed (exit ${result.code ?? result.signal}):\n${lastLines(result.output, 20)}`);
  }
  log.debug('formatted KRaft storage', { clusterId });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function answersMetadata(brokers: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'jobbspar-infra-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The first FindCoordinator creates __consumer_offsets; until its partitions have leaders every kafkajs consumer
 * logs "The group coordinator is not available" at ERROR. Asking once here keeps that noise out of apps and tests.
 */
async function warmGroupCoordinator(brokers: string): Promise<void> {
  const admin = new Kafka({ clientId: 'jobbspar-infra-probe', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    await admin.describeGroups(['jobbspar-infra-warm-up']);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function startKafka(opts: StartKafkaOptions = {}): Promise<KafkaHandle> {
  const log = componentLogger('kafka', opts.log);
  const startedAt = Date.now();
  const java = javaBinary();
  const classpath = await resolveClasspath(log);

  const temporary = opts.dataDir === undefined;
  const dataDir = opts.dataDir === undefined ? await mkdtemp(path.join(tmpdir(), 'jobbspar-kafka-')) : path.resolve(opts.dataDir);
  const removeTempDir = async (): Promise<void> => {
    if (temporary) await rm(dataDir, { recursive: true, force: true });
  };
  const logsDir = path.join(dataDir, 'logs');
  const logDirs = path.join(dataDir, 'kraft');
  const brokerLog = path.join(logsDir, 'server.log');
  const jvmOutput = path.join(logsDir, 'jvm.out');
  const config = path.join(dataDir, 'server.properties');
  const log4jConfig = path.join(dataDir, 'log4j2.properties');
  const port = opts.port ?? (await freePort());
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();

  try {
    await mkdir(logsDir, { recursive: true });
    // Rewritten on every start: ports change between runs, and settings changes here reach persistent dirs too.
    await writeFile(config, serverProperties({ port, advertisedPort: opts.advertisedPort ?? port, controllerPort, logDirs }));
    await writeFile(log4jConfig, log4jProperties(brokerLog));
    if (!existsSync(path.join(logDirs, 'meta.properties'))) {
      await formatStorage(java, jvmArgs(TOOL_JVM, classpath, log4jConfig, logsDir), config, log);
    }
  } catch (err) {
    await removeTempDir();
    throw err;
  }

  // The JVM's own output (bad flags, crashes before log4j is up) goes to a file rather than a pipe: nothing of the
  // broker reaches our stdout, and no pipe ties this process's event loop to the broker.
  const outputFd = openSync(jvmOutput, 'a');
  let child: ChildProcess;
  try {
    child = spawn(java, [...jvmArgs(BROKER_JVM, classpath, log4jConfig, logsDir), 'kafka.Kafka', config], {
      stdio: ['ignore', outputFd, outputFd],
      env: process.env,
    });
  } finally {
    closeSync(outputFd);
  }
  const spawnError = await new Promise<Error | undefined>((resolve) => {
    child.once('spawn', () => resolve(undefined));
    child.once('error', resolve);
  });
  if (spawnError || child.pid === undefined) {
    await removeTempDir();
    throw spawnError ?? new Error(`could not start ${java}`);
  }
  const pid = child.pid;
  const release = guardChildProcess(pid, {
    signal: 'SIGTERM',
    hardSignal: 'SIGKILL',
    graceSeconds: STOP_GRACE_MS / 1000,
    removeAfterExit: temporary ? dataDir : undefined,
  });
  const brokers = `127.0.0.1:${port}`;

  let ready = false;
  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    release();
    if (ready && !stopping) {
      void tail(brokerLog, 20).then((logTail) => log.error('the Kafka broker exited unexpectedly', { code, signal, brokerLog, logTail }));
    }
  });

  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const stopStarted = Date.now();
      child.kill('SIGTERM');
      if (!(await waitForExit(child, STOP_GRACE_MS))) {
        log.warn('the Kafka broker ignored SIGTERM, killing it', { pid, graceMs: STOP_GRACE_MS });
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
      release();
      await removeTempDir();
      log.info('Kafka broker stopped', { brokers, elapsedMs: Date.now() - stopStarted });
    })();
    return stopping;
  };

  const failStart = async (why: string): Promise<never> => {
    const details = `${await tail(jvmOutput, 20)}\n${await tail(brokerLog)}`.trim();
    await stop();
    throw new Error(`${why}; ${temporary ? 'its log' : brokerLog} ends with:\n${details}`);
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await failStart(`the Kafka broker exited during start-up (exit ${child.exitCode ?? child.signalCode})`);
    }
    if (await answersMetadata(brokers)) break;
    if (Date.now() > deadline) {
      await failStart(`the Kafka broker did not answer metadata requests on ${brokers} within ${READY_TIMEOUT_MS / 1000}s`);
    }
    await sleep(250);
  }
  log.debug('the Kafka broker answers metadata requests', { elapsedMs: Date.now() - startedAt });
  try {
    await warmGroupCoordinator(brokers);
  } catch (err) {
    // Consumers retry on their own: this only costs log noise.
    log.warn('the group coordinator was not ready yet', { error: String(err) });
  }

  ready = true;
  log.info('Kafka broker ready', { brokers, version: KAFKA_VERSION, pid, dataDir, temporary, elapsedMs: Date.now() - startedAt });
  return { brokers, version: KAFKA_VERSION, pid, dataDir, stop };
}
