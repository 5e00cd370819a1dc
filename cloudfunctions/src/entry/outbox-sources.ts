// Every collection whose documents carry messages waiting to be sent registers itself when its module loads;
// the notify timer loads them all here, so its sweep collects from each (not only from what its own code imports).
import '../contexts/cases/case.collection';
import '../contexts/notices/notice.collection';
import '../contexts/patrol/patrol.collections';
import '../contexts/pit/pit.collections';
import '../contexts/plaques/plaque.collections';
