import { Redis } from 'ioredis';
import { RedisStreamBus } from '../../../src/streams/redisStreamBus.js';
import { pairsToRecord } from '../../../src/streams/redisReplies.js';
import { sharedRedis } from '../../support/infra.js';
import { describeBusContract } from './busContract.js';
import type { TransportFactory } from './busTestKit.js';

const redisTransport: TransportFactory = async (ctx) => {
  const { url } = sharedRedis(ctx);
  const client = new Redis(url, { protocol: 2 });
  return {
    createBus: (options) => new RedisStreamBus(url, options),
    async readDeadLetterStream(stream) {
      const entries = (await client.xrange(stream, '-', '+')) as [string, string[]][];
      return entries.map(([, fields]) => {
        const record = pairsToRecord(fields);
        return { envelope: record.envelope ?? '', error: record.error ?? '', sourceStream: record.source_stream ?? '' };
      });
    },
    close: async () => {
      client.disconnect();
    },
  };
};

describeBusContract('Redis Streams bus', redisTransport);
