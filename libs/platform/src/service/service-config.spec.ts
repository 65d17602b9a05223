import { ConfigError, EnvReader } from '../config/env';
import { readHost } from './service-config';

describe('readHost', () => {
  it('listens on loopback unless HOST says otherwise', () => {
    expect(readHost(new EnvReader({}))).toBe('127.0.0.1');
    expect(readHost(new EnvReader({ HOST: '0.0.0.0' }))).toBe('0.0.0.0');
    expect(readHost(new EnvReader({ HOST: '::1' }))).toBe('::1');
    expect(readHost(new EnvReader({ HOST: 'localhost' }))).toBe('localhost');
  });

  it('refuses a value that is not an address, naming HOST', () => {
    expect(() => readHost(new EnvReader({ HOST: 'example.org' }))).toThrow(ConfigError);
    expect(() => readHost(new EnvReader({ HOST: '0.0.0.0:3000' }))).toThrow(/HOST/);
  });
});
