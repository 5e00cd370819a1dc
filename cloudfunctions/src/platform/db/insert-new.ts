import { MongoBulkWriteError, type Collection, type Document, type OptionalUnlessRequiredId } from 'mongodb';

/**
 * Inserts the documents whose `_id` is not taken yet and returns the ids it inserted; existing ones are left
 * as they are. The insert-only form of "upsert with $setOnInsert": on FerretDB 1.24 an upsert that inserts
 * costs a scan of the collection (16 ms at 5,000 documents), an insert does not (0.8 ms).
 */
export async function insertNew<T extends Document & { _id: string }>(coll: Collection<T>, docs: T[]): Promise<Set<string>> {
  if (!docs.length) return new Set();
  try {
    await coll.insertMany(docs as OptionalUnlessRequiredId<T>[], { ordered: false });
    return new Set(docs.map((d) => d._id));
  } catch (e) {
    if (!(e instanceof MongoBulkWriteError)) throw e;
    const errors = Array.isArray(e.writeErrors) ? e.writeErrors : [e.writeErrors];
    const other = errors.find((w) => w.code !== 11000);
    if (other) throw e;
    const taken = new Set(errors.map((w) => w.index));
    return new Set(docs.filter((_, i) => !taken.has(i)).map((d) => d._id));
  }
}
