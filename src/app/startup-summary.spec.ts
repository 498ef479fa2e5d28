import { loadConfig } from './load-app-config';
import { startupSummary } from './startup-summary';

describe('startupSummary', () => {
  it('names the URL, the hosted modules and the dashboard of the monolith', () => {
    const line = startupSummary(loadConfig({ HTTP_PORT: '3000' }));
    expect(line).toContain('http://localhost:3000');
    expect(line).toContain('hosts customers, orders, payments; the monolith');
    expect(line).toContain('Dashboard http://localhost:3000/dashboard');
  });

  it('says how a split process reaches the others, without the broker password', () => {
    const line = startupSummary(loadConfig({ MODULES: 'payments', TRANSPORT: 'nats', BROKER_URL: 'nats://shop:s3cret@broker:4222' }));
    expect(line).toContain('hosts payments; reaches customers, orders over nats');
    expect(line).not.toContain('s3cret');
    expect(startupSummary(loadConfig({ MODULES: 'orders' }))).toContain('customers at 127.0.0.1:4101, payments at 127.0.0.1:4103 over tcp');
  });
});
