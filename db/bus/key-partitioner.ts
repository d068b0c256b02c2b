// Kafka's default partitioner (murmur2 of the key), remembering each key's partition. A produce is
// mostly one device's events, and hashing every message's key again cost the API as much CPU as
// encoding the message; the partition a key gets is the default's, so ordering per device is kept.
import { Partitioners, type ICustomPartitioner } from 'kafkajs';

/** Enough for every device of a deployment; past it the memory starts over rather than grow without bound. */
const rememberedKeys = 10_000;

export const keyRememberingPartitioner: ICustomPartitioner = () => {
  const defaultPartitioner = Partitioners.DefaultPartitioner();
  // By partition count: a topic given more partitions maps its keys anew, as the default does.
  const partitionOfKey = new Map<number, Map<string, number>>();
  return (args) => {
    const { message, partitionMetadata } = args;
    if (typeof message.key !== 'string' || (message.partition !== undefined && message.partition !== null)) return defaultPartitioner(args);
    let remembered = partitionOfKey.get(partitionMetadata.length);
    if (!remembered || remembered.size >= rememberedKeys) {
      remembered = new Map();
      partitionOfKey.set(partitionMetadata.length, remembered);
    }
    let partition = remembered.get(message.key);
    if (partition === undefined) {
      partition = defaultPartitioner(args);
      remembered.set(message.key, partition);
    }
    return partition;
  };
};
