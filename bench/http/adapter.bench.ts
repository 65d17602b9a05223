/*
 * Fastify vs Express under NestJS on one read path: a controller answering a review-queue-sized JSON page (50
 * proposals with explanations) from memory, so the adapter and serialisation are what is measured. Interleaved
 * rounds, same run; each round: N concurrent keep-alive clients for D ms, in this process (client cost is the same
 * for both). The services run on Fastify since session 7 (README, "HTTP adapter"); Express stays for the one-process
 * front, so both are installed:
 *   npm run bench -- adapter
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { median, option, table } from '../bench-util';

const page = {
  total: 1200,
  items: Array.from({ length: 50 }, (_, i) => ({
    proposalId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    needId: '00000000-0000-4000-8000-00000000000a',
    candidateId: `00000000-0000-4000-8000-${String(1000 + i).padStart(12, '0')}`,
    score: 87.5 - i / 10,
    status: 'proposed',
    explanation: {
      weightsVersion: 'se-14-v1',
      factors: ['taskCoverage', 'distance', 'waiting', 'support'].map((factor) => ({ factor, weight: 25, contribution: 20.1 })),
      tasksCovered: [{ taskId: 'kitchen.serve-school-lunch', level: 2, required: 2 }],
      tasksMissing: [],
    },
  })),
};

@Controller('matching')
class QueueController {
  @Get('review-queue')
  queue(): typeof page {
    return page;
  }
}

@Module({ controllers: [QueueController] })
class BenchModule {}

async function start(kind: 'express' | 'fastify'): Promise<{ port: number; close: () => Promise<void> }> {
  const adapter = kind === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(BenchModule, adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { port: (app.getHttpServer().address() as AddressInfo).port, close: () => app.close() };
}

/** Requests per second with `connections` clients looping for `ms`. */
async function load(port: number, connections: number, ms: number): Promise<{ rps: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const deadline = Date.now() + ms;
  const one = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const t = performance.now();
      request({ host: '127.0.0.1', port, path: '/matching/review-queue', agent }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t);
          resolve();
        });
      })
        .on('error', reject)
        .end();
    });
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) await one();
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: (latencies.length / ms) * 1000, p99: latencies[Math.floor(latencies.length * 0.99)] };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const rounds = Number(option(argv, 'rounds', '5'));
  const connections = Number(option(argv, 'connections', '50'));
  const ms = Number(option(argv, 'ms', '4000'));
  const servers = { express: await start('express'), fastify: await start('fastify') };
  const results: Record<'express' | 'fastify', { rps: number[]; p99: number[] }> = {
    express: { rps: [], p99: [] },
    fastify: { rps: [], p99: [] },
  };
  for (const kind of ['express', 'fastify'] as const) await load(servers[kind].port, connections, 1000); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const kind of r % 2 === 0 ? (['express', 'fastify'] as const) : (['fastify', 'express'] as const)) {
      const { rps, p99 } = await load(servers[kind].port, connections, ms);
      results[kind].rps.push(rps);
      results[kind].p99.push(p99);
      process.stderr.write(`round ${r + 1}/${rounds} ${kind}: ${Math.round(rps)} req/s, p99 ${p99.toFixed(1)} ms\n`);
    }
  }
  await servers.express.close();
  await servers.fastify.close();
  const e = median(results.express.rps);
  const f = median(results.fastify.rps);
  process.stdout.write(
    `${table([
      ['adapter', 'median req/s', 'median p99 ms', 'ratio to express'],
      ['express (baseline)', String(Math.round(e)), median(results.express.p99).toFixed(1), '1.00'],
      ['fastify', String(Math.round(f)), median(results.fastify.p99).toFixed(1), (f / e).toFixed(2)],
    ])}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'http-adapter', rounds, connections, ms, expressRps: e, fastifyRps: f, ratio: f / e })}\n`,
  );
}

void main();
