// Who the user is and how requests carry it. Local runner: a principal picked here, sent as X-Local-Principal.
// Deployed: OAuth 2.0 authorization code with PKCE against Cognito; tokens live in memory only.
const PICKED = 'dealerkpi.localPrincipal';
const PKCE = 'dealerkpi.pkce';
let config = { auth: 'local', api: '' };
// { role: 'national'|'group'|'dealer', dealershipId, group, label, headers(), expiresAt, refusal }
let session = null;

export async function start() {
  const answer = await fetch('/app/config.json', { cache: 'no-store' });
  config = await answer.json();
  if (config.auth === 'local') {
    const picked = sessionStorage.getItem(PICKED);
    if (picked) session = localSession(picked);
  } else {
    await finishRedirect();
  }
  return session;
}

export function apiBase() { return config.api || ''; }
export function current() { return session; }
export function isLocal() { return config.auth === 'local'; }

/** Local runner: the runner's principal header, the same spec as `serve --principal`. */
export function signInLocally(spec) {
  session = localSession(spec);
  sessionStorage.setItem(PICKED, spec);
  return session;
}

function localSession(spec) {
  const dealer = /^dealer:(.+)$/.exec(spec);
  const group = /^group:(.+)$/.exec(spec);
  return {
    role: dealer ? 'dealer' : group ? 'group' : 'national', dealershipId: dealer ? dealer[1] : null, group: group ? group[1] : null,
    label: dealer ? `dealer ${dealer[1]} (local)` : group ? `group ${groupLabel(group[1])} (local)` : 'national (local)',
    headers: () => ({ 'X-Local-Principal': spec }),
  };
}

/** A dealer group's name as people write it: the user pool's underscores (group-Arnold_Clark) shown as spaces. */
export function groupLabel(name) { return name.replace(/_/g, ' '); }

/** What identifies a dealer group whatever its spelling, as the API matches it ("Arnold Clark" = "arnold_clark"). */
export function groupKey(name) { return name.trim().toLowerCase().replace(/ +/g, '_'); }

export function signOut() {
  session = null;
  sessionStorage.removeItem(PICKED);
  if (!isLocal()) {
    const params = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() });
    location.assign(`${config.authority}/logout?${params}`);
  }
}

function redirectUri() { return location.origin + '/'; }

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Sends the browser to the hosted sign-in page; the verifier waits in sessionStorage for the way back. */
export async function signInWithCognito() {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, hash: location.hash }));
  const params = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: 'openid email',
    code_challenge_method: 'S256', code_challenge: challenge, state,
  });
  location.assign(`${config.authority}/oauth2/authorize?${params}`);
}

async function finishRedirect() {
  const query = new URLSearchParams(location.search);
  const pending = JSON.parse(sessionStorage.getItem(PKCE) || 'null');
  sessionStorage.removeItem(PKCE);
  if (!query.has('code') && !query.has('error')) return;
  // the code (or the error) never stays in the address bar
  history.replaceState(null, '', '/' + ((pending && pending.hash) || ''));
  if (query.has('error')) throw new Error(`Sign-in failed: ${query.get('error_description') || query.get('error')}`);
  if (!pending || query.get('state') !== pending.state) throw new Error('The sign-in answer did not match this page; sign in again.');
  await token({ grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(), code_verifier: pending.verifier });
}

let refreshToken = null;
let renewal = null;

/** The sign-in is over (a renewal refused, or the API answered 401): the app shows the sign-in screen. */
export function expired() {
  session = null;
  refreshToken = null;
  clearTimeout(renewal);
  sessionStorage.removeItem(PICKED);
  window.dispatchEvent(new Event('dealerkpi:signed-out'));
}

/** Before a request: a token that has expired (a sleeping laptop misses the renewal timer) is renewed first. */
export async function fresh() {
  if (session && session.expiresAt && Date.now() > session.expiresAt - 30_000) {
    if (!refreshToken) { expired(); return; }
    await token({ grant_type: 'refresh_token', refresh_token: refreshToken });
  }
}

async function token(form) {
  const answer = await fetch(`${config.authority}/oauth2/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.clientId, ...form }),
  }).catch(() => null);
  if (!answer || !answer.ok) { expired(); return; }
  const tokens = await answer.json();
  refreshToken = tokens.refresh_token || refreshToken;
  session = sessionFromToken(tokens.access_token, tokens.expires_in);
  clearTimeout(renewal);
  // renew a minute before expiry, silently, with the refresh token held in memory
  renewal = setTimeout(() => token({ grant_type: 'refresh_token', refresh_token: refreshToken }), Math.max(10, tokens.expires_in - 60) * 1000);
}

/** The session a user pool's access token makes: its role from the token's groups, read as the API reads them. */
export function sessionFromToken(accessToken, expiresIn) {
  const payload = atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'));
  const claims = JSON.parse(new TextDecoder().decode(Uint8Array.from(payload, c => c.charCodeAt(0))));
  const groups = claims['cognito:groups'] || [];
  const national = groups.includes(config.nationalGroup || 'national');
  // the API's rule for an id and for a group as the user pool names it (spaces as underscores); a name that breaks it
  // is refused by the API (a 401 that signing in again cannot cure), so it is named here instead
  const named = prefix => groups.filter(g => g.startsWith(prefix)).map(g => g.slice(prefix.length));
  const valid = name => /^[A-Za-z0-9._-]{1,64}$/.test(name);
  const invalid = [...named('dealer-').filter(d => !valid(d)).map(d => `dealer-${d}`),
    ...named('group-').filter(g => !valid(g)).map(g => `group-${g}`)];
  const dealers = named('dealer-').filter(valid);
  // one dealer group however many spellings the user pool has of it (group-Arnold_Clark, group-arnold_clark), as the API
  const dealerGroups = named('group-').filter(valid).filter((g, i, all) => all.findIndex(o => groupKey(o) === groupKey(g)) === i);
  // national wins; otherwise exactly one dealership or one dealer group, as the API reads the same claim (several: a 403)
  const several = !national && !invalid.length && dealers.length + dealerGroups.length > 1;
  const group = !national && !invalid.length && !several && dealerGroups.length === 1 ? dealerGroups[0] : null;
  const dealershipId = !national && !invalid.length && !several && !group && dealers.length === 1 ? dealers[0] : null;
  const role = national ? 'national' : group ? 'group' : 'dealer';
  const who = national ? 'national' : group ? `group ${groupLabel(group)}` : invalid.length ? 'an unusable group'
    : several ? 'several dealerships or groups' : `dealer ${dealershipId || '?'}`;
  return {
    role, dealershipId, group, label: `${claims.username || claims.sub} (${who})`,
    refusal: !national && invalid.length ? { title: 'Unusable user-pool group', message: `Your account's user-pool group `
      + `${invalid.join(', ')} names no dealership or dealer group the API accepts (letters, digits, '.', '_' and '-', up to `
      + '64; a dealer group\'s spaces written as underscores): ask national management to rename it.' }
      : several ? { title: 'Several dealerships or groups', message: 'Your account is in more than one dealership\'s or dealer group\'s '
      + `user-pool group (${[...dealers.map(d => `dealer-${d}`), ...dealerGroups.map(g => `group-${g}`)].join(', ')}), and the API serves `
      + 'one at a time: ask national management to leave you in exactly one.' } : null,
    headers: () => ({ Authorization: `Bearer ${accessToken}` }), expiresAt: Date.now() + expiresIn * 1000,
  };
}
