/*
 * GraphiQL for the Tripartite Hub.
 *
 * "Sign in" runs the authorization-code flow with PKCE against the realm's public client
 * (keycloak-js). Once signed in, the access token goes into every HTTP request and into the
 * WebSocket's connection_init, and keycloak-js refreshes it before it expires. Without signing
 * in, a token pasted into GraphiQL's Headers tab is sent as is.
 */
(function () {
  'use strict';

  var settings = document.body.dataset;
  var status = document.getElementById('hub-status');
  var button = document.getElementById('hub-sign');
  var keycloak = new Keycloak({ url: settings.identityUrl, realm: settings.realm, clientId: settings.clientId });

  /** A token valid for at least 30 more seconds, refreshed if needed; null when signed out. */
  function currentToken() {
    if (!keycloak.authenticated) {
      return Promise.resolve(null);
    }
    return keycloak.updateToken(30).then(function () {
      return keycloak.token;
    }, function () {
      keycloak.clearToken();
      showSignedOut('Your session ended: sign in again.');
      return null;
    });
  }

  // refresh ahead of expiry, so that an open page always holds a valid token
  keycloak.onTokenExpired = function () {
    currentToken();
  };

  var wsClient = graphqlWs.createClient({
    url: (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + settings.graphqlPath,
    lazy: true,
    // asked at every (re)connection, so a new socket always carries the current token
    connectionParams: function () {
      return currentToken().then(function (token) {
        return token ? { Authorization: 'Bearer ' + token } : {};
      });
    },
    retryAttempts: 5
  });

  var fetcher = GraphiQL.createFetcher({
    url: settings.graphqlPath,
    wsClient: wsClient,
    fetch: function (input, init) {
      return currentToken().then(function (token) {
        var headers = new Headers((init && init.headers) || {});
        if (token) {
          headers.set('Authorization', 'Bearer ' + token);
        }
        return fetch(input, Object.assign({}, init, { headers: headers }));
      });
    }
  });

  function showSignedIn() {
    var claims = keycloak.tokenParsed || {};
    var roles = ((claims.realm_access || {}).roles || []).filter(function (role) {
      return ['ppt', 'government', 'st-crm', 'st-rrocm', 'civil-society', 'observer', 'hub-admin'].indexOf(role) >= 0;
    });
    status.textContent = 'Signed in as ' + (claims.preferred_username || claims.sub) +
        (roles.length ? ' (' + roles.join(', ') + ')' : '');
    button.textContent = 'Sign out';
    button.disabled = false;
    button.onclick = function () {
      wsClient.dispose();
      keycloak.logout({ redirectUri: location.href.split('#')[0] });
    };
  }

  function showSignedOut(message) {
    status.textContent = message || 'Not signed in: sign in, or paste a token into the Headers tab.';
    button.textContent = 'Sign in';
    button.disabled = false;
    button.onclick = function () {
      keycloak.login();
    };
  }

  var defaultQuery = [
    '# Sign in (top right), then run this. Subscriptions work too: see the README.',
    'query WorkPlans {',
    '  viewer { username roles canSeeReserved }',
    '  workPlans(first: 5) {',
    '    edges { node { id title status visibility workstreams(first: 10) { edges { node { id title } } } } }',
    '  }',
    '}',
    ''
  ].join('\n');

  keycloak.init({ pkceMethod: 'S256', checkLoginIframe: false, responseMode: 'fragment' })
      .then(function (authenticated) {
        if (authenticated) {
          showSignedIn();
        } else {
          showSignedOut();
        }
      }, function () {
        showSignedOut('The identity server did not answer: paste a token into the Headers tab.');
      })
      .then(function () {
        ReactDOM.createRoot(document.getElementById('graphiql')).render(
            React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery }));
      });
}());
