import Keycloak from 'keycloak-js';
import type { Config } from './config';

/**
 * Sign-in with Keycloak's authorization-code flow and PKCE, through the realm's public client.
 * The page needs a signed-in user, so an anonymous visit goes to the login page at once.
 */
export interface Session {
  /** A valid access token, refreshed when it has less than 30 seconds left. */
  token(): Promise<string>;
  username(): string;
  signOut(): Promise<void>;
}

export async function signIn(config: Config): Promise<Session> {
  const keycloak = new Keycloak({ url: config.identityUrl, realm: config.realm, clientId: config.clientId });
  await keycloak.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false });
  // refresh ahead of expiry, so that a page left open keeps a valid token
  keycloak.onTokenExpired = () => {
    keycloak.updateToken(30).catch(() => keycloak.login());
  };
  return {
    async token() {
      try {
        await keycloak.updateToken(30);
      } catch {
        await keycloak.login();
      }
      return keycloak.token!;
    },
    username: () => String(keycloak.tokenParsed?.preferred_username ?? keycloak.subject),
    signOut: () => keycloak.logout({ redirectUri: location.href }),
  };
}
