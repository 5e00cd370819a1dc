/** Builds the local database server (FerretDB) into the git-ignored cache if it is not there yet. */
import { ensureFerretBinary } from '../cloudfunctions/dev/db/ferretdb-binary';
console.log(ensureFerretBinary());
