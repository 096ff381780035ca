// The JSON API with the signed-in user's credentials; a problem+json answer becomes an ApiError.
import { apiBase, current, fresh, expired, isLocal } from './auth.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || problem.message || `HTTP ${status}`);
    this.status = status;
    this.errors = problem.errors || [];
  }
}

/** A request with the user's credentials (renewed first if due); a refusal becomes an ApiError. */
async function request(method, path, body, accept) {
  await fresh();
  const session = current();
  const headers = { Accept: accept, ...(session ? session.headers() : {}) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let answer;
  try {
    answer = await fetch(apiBase() + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (unreachable) {
    throw new ApiError(0, { detail: 'check your connection, then try again.' });
  }
  if (!answer.ok) {
    const type = answer.headers.get('Content-Type') || '';
    const problem = type.includes('json') ? await answer.json() : { detail: await answer.text() };
    if (answer.status === 401 && !isLocal()) expired();
    throw new ApiError(answer.status, problem);
  }
  return answer;
}

async function send(method, path, body) {
  const answer = await request(method, path, body, 'application/json');
  return (answer.headers.get('Content-Type') || '').includes('json') ? answer.json() : answer.text();
}

export const get = path => send('GET', path);
export const put = (path, body) => send('PUT', path, body);
export const del = path => send('DELETE', path);

/** Downloads an answer (e.g. format=csv) as a file: fetched with the user's credentials, never a bare link. */
export async function download(path, filename) {
  const answer = await request('GET', path, undefined, '*/*');
  const url = URL.createObjectURL(await answer.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Path segments are encoded: ids come from users. */
export const seg = value => encodeURIComponent(value);
