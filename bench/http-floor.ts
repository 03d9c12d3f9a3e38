import { createSecretKey, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { floorWorkflow, pingUpdate } from './floor.workflow';
import { pool } from './stats';
import { loadConfig } from '../libs/config/src/config';

/**
 * The floor of an approval over HTTP: what no approval can be cheaper than. A bare Node HTTP server
 * in the benchmark's own process (never among the product's routes) that verifies the API's JWT
 * the way the API does, sends a bare Update to a trivial workflow, commits one row to the same
 * PostgreSQL, and answers a small JSON body. The approval over HTTP divided by this is what the
 * framework, the project's rules and its read model cost on top.
 */
export interface HttpFloor {
  url: string;
  /** Makes `count` more trivial workflows ready, each with one update behind it, as the approvals' projects are. */
  prepare(count: number, concurrency: number): Promise<void>;
  stop(): Promise<void>;
}

interface FloorOptions {
  temporalAddress: string;
  databaseUrl: string;
  jwtSecret: string;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export async function startHttpFloor(options: FloorOptions): Promise<HttpFloor> {
  // Same library, key form and algorithm as the API's AuthModule, so token checking costs the same.
  const jwt = new JwtService({ secretOrKeyProvider: () => createSecretKey(Buffer.from(options.jwtSecret)), verifyOptions: { algorithms: ['HS256'] } });
  const db = new Pool({ connectionString: options.databaseUrl, max: 10 });
  await db.query('CREATE TABLE IF NOT EXISTS bench_http_floor (id uuid PRIMARY KEY, workflow_id text NOT NULL, answer integer NOT NULL, at timestamptz NOT NULL DEFAULT now())');

  const workerConnection = await NativeConnection.connect({ address: options.temporalAddress });
  const worker = await Worker.create({ connection: workerConnection, taskQueue: 'bench-http-floor', workflowsPath: require.resolve('./floor.workflow') });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address: options.temporalAddress });
  const client = new Client({ connection: clientConnection });

  const ready: WorkflowHandle[] = [];
  const all: WorkflowHandle[] = [];

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return answer(response, 401, { code: 'UNAUTHENTICATED' });
    try {
      await jwt.verifyAsync(token);
    } catch {
      return answer(response, 401, { code: 'UNAUTHENTICATED' });
    }
    const body = JSON.parse((await readBody(request)) || '{}') as { n?: number };
    const workflow = ready.shift();
    if (!workflow) return answer(response, 409, { code: 'NO_WORKFLOW_READY' });
    const n = await workflow.executeUpdate(pingUpdate, { args: [body.n ?? 0] });
    await db.query('INSERT INTO bench_http_floor (id, workflow_id, answer) VALUES ($1, $2, $3)', [randomUUID(), workflow.workflowId, n]);
    answer(response, 200, { workflowId: workflow.workflowId, n });
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => answer(response, 500, { message: error.message }));
  });
  // The API keeps client connections alive the same way (Node's default); the bench's fetch reuses them for both.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/floor`,
    async prepare(count: number, concurrency: number) {
      const stamp = Date.now();
      await pool(count, concurrency, async (i) => {
        const workflow = await client.workflow.start(floorWorkflow, { taskQueue: 'bench-http-floor', workflowId: `bench-http-floor-${stamp}-${i}` });
        await workflow.executeUpdate(pingUpdate, { args: [0] });
        ready.push(workflow);
        all.push(workflow);
      });
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all(all.map((w) => w.terminate('bench done').catch(() => undefined)));
      worker.shutdown();
      await running;
      await clientConnection.close();
      await workerConnection.close();
      await db.end();
    },
  };
}

/** The HTTP floor against a system the bench started, with the JWT secret its API signs with. */
export function startHttpFloorFor(system: { temporalPort: number; pgPort: number }): Promise<HttpFloor> {
  return startHttpFloor({
    temporalAddress: `127.0.0.1:${system.temporalPort}`,
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${system.pgPort}/rural_funds`,
    jwtSecret: loadConfig(process.env, 'local').jwtSecret,
  });
}
