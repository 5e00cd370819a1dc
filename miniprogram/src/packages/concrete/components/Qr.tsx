import { View } from '@tarojs/components';
import { qrRuns, type QrView } from '../../../services/concrete/api';

/** The ticket's QR code drawn with boxes (no canvas, no image): each row's dark runs, 4 modules of quiet zone. */
export function Qr({ qr, id, px = 6 }: { qr: QrView; id?: string; px?: number }) {
  const side = (qr.size + 8) * px;
  return (
    <View id={id} data-url={qr.url} style={{ width: `${side}px`, height: `${side}px`, background: '#fff', position: 'relative', margin: '12px auto' }}>
      {qr.rows.map((row, r) =>
        qrRuns(row).map(([c, n]) => <View key={`${r}-${c}`} style={{ position: 'absolute', left: `${(c + 4) * px}px`, top: `${(r + 4) * px}px`, width: `${n * px}px`, height: `${px}px`, background: '#000' }} />),
      )}
    </View>
  );
}
