// The app: sign-in until a token is kept, then the timeline on one GraphQL client for that token
// (disposed and made anew when the token changes).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { SignIn } from './auth/sign-in.tsx';
import { forgetToken, storedToken, storeToken } from './auth/token-store.ts';
import { connectLifestream } from './graphql/client.ts';
import { TimelinePage } from './timeline-page.tsx';

export function App() {
  const [token, setToken] = useState(storedToken);
  const [message, setMessage] = useState<string | null>(null);
  const signOut = useCallback((reason: string | null) => {
    forgetToken();
    setToken(null);
    setMessage(reason);
  }, []);
  const client = useMemo(() => (token ? connectLifestream(location.origin, token, signOut) : null), [token, signOut]);
  useEffect(() => () => client?.dispose(), [client]);

  if (!client) {
    return (
      <SignIn
        message={message}
        onSignIn={(t) => {
          storeToken(t);
          setMessage(null);
          setToken(t);
        }}
      />
    );
  }
  return <TimelinePage client={client} onSignOut={signOut} />;
}
