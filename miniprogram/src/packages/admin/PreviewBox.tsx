import { View } from '@tarojs/components';
import type { ImportPreview } from '../../services/admin/api';
import { errorLine, previewSummary } from '../../services/admin/view-model';

/** What a check or an import found: the summary, then each error with its line. */
export function PreviewBox({ id, preview, what }: { id: string; preview: ImportPreview | null; what: 'classes' | 'calendar' }) {
  if (!preview) return null;
  return (
    <View id={id} data-ok={preview.ok ? 'true' : 'false'} data-errors={preview.errors.length}>
      <View className={preview.ok ? 'admin-ok' : 'admin-errors'}>{previewSummary(preview, what)}</View>
      {preview.errors.slice(0, 50).map((e, i) => (
        <View key={i} className='admin-errors' data-line={e.line}>
          {errorLine(e)}
        </View>
      ))}
    </View>
  );
}
