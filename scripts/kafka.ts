/*
 * Runs a development Kafka broker in the foreground until Ctrl-C.
 *
 *   npm run kafka -- [--data-dir DIR | --temp] [--port N]
 *
 * Data persists in .data/kafka unless --temp. Stdout gets exactly one JSON line once the broker is ready (with
 * `brokers` and `version`, for scripts to read); logs go to stderr, the broker's own log to DIR/logs/server.log.
 */
import { runInForeground } from './infra/foreground';
import { startKafka } from './infra/kafka';

runInForeground('kafka', startKafka, (kafka) => ({
  msg: 'Kafka broker running; Ctrl-C stops it',
  brokers: kafka.brokers,
  version: kafka.version,
}));
