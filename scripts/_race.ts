import { MongoClient } from 'mongodb';
const c = new MongoClient(process.env.U!, { maxPoolSize: 50 });
const db = c.db('race' + Date.now());
const col = db.collection<any>('x');
for (let round = 0; round < 5; round++) {
  await col.insertOne({ _id: 'a' + round, v: 0, s: 'pending' });
  const r = await Promise.all(Array.from({ length: 20 }, () => col.updateOne({ _id: 'a' + round, v: 0 }, { $inc: { v: 1 } })));
  const f = await Promise.all(Array.from({ length: 20 }, () => col.findOneAndUpdate({ _id: 'a' + round, s: 'pending' }, { $set: { s: 'sending' } })));
  console.log('updateOne modified', r.reduce((a, x) => a + x.modifiedCount, 0), 'final v', (await col.findOne({ _id: 'a' + round }))!.v, 'fam won', f.filter(Boolean).length);
}
await c.close();
