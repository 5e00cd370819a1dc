import type { Db, Filter } from 'mongodb';
import type { AggregateRepository } from '../../platform/command/run-command';
import { FIRE_AGENCIES, FIRE_INSTRUMENTS, FIRE_PEOPLE, type FireAgency, type FireInstrument, type FirePerson } from './firetest.collections';

const agencies = (db: Db) => db.collection<FireAgency>(FIRE_AGENCIES);
const people = (db: Db) => db.collection<FirePerson>(FIRE_PEOPLE);
const instruments = (db: Db) => db.collection<FireInstrument>(FIRE_INSTRUMENTS);
const SUMMARY = { history: 0, outbox: 0, pendingAudit: 0 } as const;

export const findAgency = (db: Db, id: string) => agencies(db).findOne({ _id: id });
export const findAgencyByCreditCode = (db: Db, creditCode: string) => agencies(db).findOne({ creditCode }, { projection: { _id: 1, name: 1 } });
/** Which of these credit codes are registered already (or held by an import in progress). */
export const agenciesByCreditCodes = (db: Db, codes: string[]) => agencies(db).find({ creditCode: { $in: codes } }, { projection: { _id: 1, name: 1, creditCode: 1, active: 1 } }).toArray();
export const insertAgency = (db: Db, doc: FireAgency) => agencies(db).insertOne(doc);
/** Agencies of a scope filter; rows of an import not yet activated are left out. */
export const listAgencies = (db: Db, filter: Filter<FireAgency>) => agencies(db).find({ $and: [filter, { active: { $ne: false } }] }, { projection: SUMMARY }).sort({ name: 1 }).limit(500).toArray();
export const agencyRepository: AggregateRepository<FireAgency> = { collectionName: FIRE_AGENCIES, load: (deps, id) => findAgency(deps.db, id) };

export const findPerson = (db: Db, id: string) => people(db).findOne({ _id: id });
export const findPeople = (db: Db, ids: string[]) => people(db).find({ _id: { $in: ids } }, { projection: SUMMARY }).toArray();
export const findEngineerByRegistration = (db: Db, registrationNo: string) => people(db).findOne({ 'engineer.registrationNo': registrationNo });
export const findOperatorByCertificate = (db: Db, certificateNo: string) => people(db).findOne({ 'operator.certificateNo': certificateNo });
/** The people practising in the agency now. */
export const agencyPeople = (db: Db, agencyId: string) => people(db).find({ agencyId }, { projection: SUMMARY }).sort({ kind: 1, name: 1 }).toArray();
export const insertPerson = (db: Db, doc: FirePerson) => people(db).insertOne(doc);
export const personRepository: AggregateRepository<FirePerson> = { collectionName: FIRE_PEOPLE, load: (deps, id) => findPerson(deps.db, id) };
/** The registry entries a user is (they practise under their account). */
export const peopleOfUser = (db: Db, userId: string) => people(db).find({ userId }, { projection: SUMMARY }).toArray();

export const findInstrument = (db: Db, id: string) => instruments(db).findOne({ _id: id });
export const findInstruments = (db: Db, ids: string[]) => instruments(db).find({ _id: { $in: ids } }, { projection: SUMMARY }).toArray();
/** An agency's instruments; rows of an import not yet activated are left out. */
export const agencyInstruments = (db: Db, agencyId: string) => instruments(db).find({ agencyId, active: { $ne: false } }, { projection: SUMMARY }).sort({ type: 1 }).toArray();
/** Which of these serials the agency has registered already (or an import in progress holds). */
export const instrumentsBySerials = (db: Db, agencyId: string, serials: string[]) => instruments(db).find({ agencyId, serial: { $in: serials } }, { projection: { _id: 1, serial: 1, type: 1, active: 1 } }).toArray();
export const insertInstrument = (db: Db, doc: FireInstrument) => instruments(db).insertOne(doc);
export const instrumentRepository: AggregateRepository<FireInstrument> = { collectionName: FIRE_INSTRUMENTS, load: (deps, id) => findInstrument(deps.db, id) };
