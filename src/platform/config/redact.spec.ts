import { redact } from './redact';

describe('redact', () => {
  it.each([
    ['amqp://guest:s3cret@rabbit:5672', 'amqp://***@rabbit:5672'],
    ['nats://user:p%40ss@nats:4222', 'nats://***@nats:4222'],
    ['nats://s3cret-token@nats:4222', 'nats://***@nats:4222'],
    ['redis://:s3cret@redis:6379/0', 'redis://***@redis:6379/0'],
    ['postgres://shop:s3cret@db:5432/shop', 'postgres://***@db:5432/shop'],
  ])('hides the credentials of %s', (url, expected) => {
    expect(redact(url)).toBe(expected);
  });

  it('hides every URL of a message and leaves the rest of it alone', () => {
    const message = 'cannot reach postgres://a:s3cret@db/shop nor amqp://b:s3cret@mq (mail ops@example.com)';
    expect(redact(message)).toBe('cannot reach postgres://***@db/shop nor amqp://***@mq (mail ops@example.com)');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redact('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });
});
