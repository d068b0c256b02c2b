// The names a kind takes in each place it appears, all derived from its camelCase name.

export const pascalCase = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export const snakeCase = (name: string): string =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

export const screamingSnakeCase = (name: string): string => snakeCase(name).toUpperCase();

export const dlqTopic = (topic: string): string => `${topic}.dlq`;
