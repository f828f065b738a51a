import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, type Client } from 'graphql-ws';
import type { Config } from './config';
import type { Session } from './auth';
import manifest from './gql/persisted-documents.json';

/** An error of the GraphQL response (not a user error of a mutation payload, which is data). */
export interface ResponseError {
  message: string;
  extensions?: { code?: string };
}

export class GraphQlFailure extends Error {
  constructor(readonly errors: ResponseError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/**
 * codegen's client preset puts each document's hash on it ("sha256:<hex>"); the manifest maps it
 * to the document's text. The hub takes the bare hex, as Apollo's protocol sends it.
 */
function hashOf(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) {
    throw new Error('a document without its hash: run `npm run codegen`');
  }
  return hash;
}

function textOf(hash: string): string {
  return (manifest as Record<string, string>)[hash];
}

function bare(hash: string): string {
  return hash.replace(/^sha256:/, '');
}

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * The hub's GraphQL API. Queries and mutations go over HTTP by hash only (trusted documents: the
 * hub knows the documents from this client's manifest, src/gql/persisted-documents.json). A hub
 * that does not have the manifest answers PERSISTED_QUERY_NOT_FOUND; the document is then sent
 * once with its hash and remembered (Apollo's automatic persisted queries). Subscriptions go over
 * graphql-ws with the token in connection_init, and resume from their last cursor after any
 * interruption, so no change is missed.
 */
export class Hub {
  private readonly ws: Client;

  constructor(private readonly config: Config, private readonly session: Session,
              onState: (state: LiveState) => void) {
    this.ws = createClient({
      url: config.hubUrl.replace(/^http/, 'ws') + '/graphql',
      // asked at every connection: a new socket always carries the current token
      connectionParams: async () => ({ Authorization: `Bearer ${await session.token()}` }),
      // a lost socket is not retried here: live() resubscribes with the last cursor it received
      retryAttempts: 0,
      on: {
        connected: () => onState('live'),
        closed: () => onState('reconnecting'),
      },
    });
  }

  async request<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
    const hash = hashOf(document as TypedDocumentNode<unknown, never>);
    const extensions = { persistedQuery: { version: 1, sha256Hash: bare(hash) } };
    let body = await this.post({ variables, extensions });
    if (body.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
      body = await this.post({ query: textOf(hash), variables, extensions });
    }
    if (body.errors?.length) {
      throw new GraphQlFailure(body.errors);
    }
    return body.data as R;
  }

  private async post(payload: object): Promise<{ data?: unknown; errors?: ResponseError[] }> {
    const response = await fetch(this.config.hubUrl + '/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${await this.session.token()}`,
      },
      body: JSON.stringify(payload),
    });
    if (!response.ok && !response.headers.get('content-type')?.includes('json')) {
      throw new GraphQlFailure([{ message: `HTTP ${response.status}` }]);
    }
    return response.json();
  }

  /**
   * A subscription that survives interruptions: after an error or a closed socket (a restart, the
   * token's expiry) it subscribes again after a pause, passing the cursor of the last change it
   * received as `after`, so the hub replays what happened in between. Returns a stop function.
   */
  live<R, V>(document: TypedDocumentNode<R, V>, variables: (after: string | null) => V,
             cursorOf: (data: R) => string, onData: (data: R) => void): () => void {
    let after: string | null = null;
    let stopped = false;
    let unsubscribe = () => {};
    const start = (attempt: number) => {
      if (stopped) {
        return;
      }
      unsubscribe = this.ws.subscribe<R>(
        { query: textOf(hashOf(document as TypedDocumentNode<unknown, never>)), variables: variables(after) as Record<string, unknown> },
        {
          next: (result) => {
            if (result.data) {
              after = cursorOf(result.data as R);
              onData(result.data as R);
            }
          },
          error: () => setTimeout(() => start(attempt + 1), Math.min(30_000, 1_000 * 2 ** attempt)),
          complete: () => setTimeout(() => start(0), 1_000),
        },
      );
    };
    start(0);
    return () => {
      stopped = true;
      unsubscribe();
    };
  }
}
