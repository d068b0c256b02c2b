// audio-type ships no types: it names the container of audio bytes from their header.
declare module 'audio-type' {
  export default function audioType(bytes: Uint8Array): string | undefined;
}
