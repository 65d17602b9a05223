import type { UserRecord } from './users';

const escape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface LoginPageOptions {
  action: string;
  clientName: string;
  username?: string;
  error?: string;
  /** Shown in demo mode so that a visitor can pick a user; never in a real deployment. */
  demoUsers?: readonly UserRecord[];
  demoPassword?: string;
}

/** The provider's login page: a plain form (no script), labelled fields, errors announced to screen readers. */
export function loginPage(o: LoginPageOptions): string {
  const demo = o.demoUsers?.length
    ? `<section aria-labelledby="demo"><h2 id="demo">Demoanvändare / Demo users</h2>
<p>Lösenord / password: <code>${escape(o.demoPassword ?? '')}</code></p>
<table><thead><tr><th scope="col">användarnamn / username</th><th scope="col">roll / role</th><th scope="col">organisation</th></tr></thead><tbody>
${o.demoUsers.map((u) => `<tr><td><code>${escape(u.username)}</code></td><td>${escape(u.roles.join(', '))}</td><td>${escape(u.organisation.name)}</td></tr>`).join('\n')}
</tbody></table></section>`
    : '';
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Logga in – Jobbspår</title><link rel="icon" href="data:,">
<style>
body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.5}
label{display:block;margin-top:1rem;font-weight:600}input{font-size:1rem;padding:.5rem;width:100%;max-width:24rem;border:2px solid #555;border-radius:4px}
input:focus,button:focus{outline:3px solid #1a5fb4;outline-offset:2px}button{margin-top:1.5rem;font-size:1rem;padding:.6rem 1.4rem;background:#1a5fb4;color:#fff;border:0;border-radius:4px}
.error{color:#a51d2d;font-weight:600}table{border-collapse:collapse;margin-top:.5rem}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}
</style></head>
<body><main>
<h1>Logga in / Log in</h1>
<p>till / to <strong>${escape(o.clientName)}</strong></p>
${o.error ? `<p class="error" role="alert" id="login-error">${escape(o.error)}</p>` : ''}
<form method="post" action="${escape(o.action)}" autocomplete="on">
<label for="username">Användarnamn / Username</label>
<input id="username" name="username" autocomplete="username" required value="${escape(o.username ?? '')}"${o.error ? ' aria-describedby="login-error"' : ''} autofocus>
<label for="password">Lösenord / Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Logga in / Log in</button>
</form>
${demo}
</main></body></html>`;
}
