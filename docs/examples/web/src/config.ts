/** Where the hub and the identity server are: read at start from config.json, next to the page. */
export interface Config {
  /** The hub's base URL, e.g. http://localhost:8080 (its GraphQL endpoint is /graphql). */
  hubUrl: string;
  /** Keycloak's base URL and realm, and the realm's public client. */
  identityUrl: string;
  realm: string;
  clientId: string;
}

export async function loadConfig(): Promise<Config> {
  const response = await fetch(new URL('config.json', document.baseURI));
  if (!response.ok) {
    throw new Error(`config.json: ${response.status}`);
  }
  return (await response.json()) as Config;
}
