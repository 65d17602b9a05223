import { EnvReader } from '../config/env';
import { readTracingConfig, startTracing } from './tracing';

describe(readTracingConfig.name, () => {
  it('is off unless an exporter is named, and takes the standard OpenTelemetry variables', () => {
    expect(readTracingConfig(new EnvReader({}), 'matching-service')).toEqual({
      exporter: 'none',
      serviceName: 'matching-service',
      endpoint: undefined,
      batchDelayMs: 1000,
    });
    expect(startTracing(readTracingConfig(new EnvReader({}), 'matching-service'))).toBeUndefined();
    expect(
      readTracingConfig(
        new EnvReader({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_SERVICE_NAME: 'm2' }),
        'x',
      ),
    ).toEqual({ exporter: 'otlp', serviceName: 'm2', endpoint: 'http://collector:4318/v1/traces', batchDelayMs: 1000 });
    expect(readTracingConfig(new EnvReader({ OTEL_BSP_SCHEDULE_DELAY: '250' }), 'x').batchDelayMs).toBe(250);
    expect(() => readTracingConfig(new EnvReader({ OTEL_BSP_SCHEDULE_DELAY: 'soon' }), 'x')).toThrow(/OTEL_BSP_SCHEDULE_DELAY/);
    expect(
      readTracingConfig(
        new EnvReader({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/traces' }),
        'x',
      ).endpoint,
    ).toBe('http://b:4318/traces');
  });

  it('refuses an exporter it does not know, naming the variable', () => {
    expect(() => readTracingConfig(new EnvReader({ OTEL_TRACES_EXPORTER: 'jaeger' }), 'x')).toThrow(/OTEL_TRACES_EXPORTER/);
  });
});
