// The Cache's pub/sub channels, named once for the processes that publish on them and those that listen.

/** Where the persistence consumer announces newly stored events, for live subscriptions on every API instance. */
export const storedEventsChannel = 'lifestream:stored-events';
