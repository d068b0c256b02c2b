// Sign-in: a read token (`npm run cli -- token create --scope read`), kept in this browser.
import { useState, type FormEvent } from 'react';

export function SignIn({ message, onSignIn }: { message: string | null; onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <main className="sign-in">
      <form onSubmit={submit} aria-label="Sign in">
        <h1>Lifestream</h1>
        <p>Sign in with a read token. Create one with</p>
        <pre>npm run cli -- token create --scope read</pre>
        {message && (
          <p className="error" role="alert">
            {message}
          </p>
        )}
        <label>
          Token
          <input name="token" type="password" autoComplete="current-password" placeholder="lst_…" value={token} onChange={(e) => setToken(e.target.value)} autoFocus />
        </label>
        <button type="submit" disabled={!token.trim()}>
          Sign in
        </button>
        <p className="hint">The token stays in this browser (localStorage) until you sign out.</p>
      </form>
    </main>
  );
}
