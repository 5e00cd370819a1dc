// What others (the command line) may use of Open311: its client keys.
export { disableKey, findEnabledKey, insertKey, keyNames, listKeys, open311KeyId, type Open311Key } from './open311-key.repository';
