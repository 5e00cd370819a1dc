import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../../components/Page';
import { ApiError, errorMessage } from '../../../../services/api';
import { pointFileProblem } from '../../../../services/pit/onboard-form';
import type { PickedBinaryFile } from '../../../../services/adapters/pit-files';
import { SpreadsheetPicker } from '../../../../components/file-picker';
import { toast } from '../../../../services/adapters/taro';
import { onboardApi } from '../../onboardApi';
import type { SectionProps } from './types';

type Problem = { row: number; column: string; message: string };

/** 测点导入: an xlsx or CSV (columns as in docs/domain/pit.md §7.2); all or nothing, problems listed by row. */
export function SetupImport({ view, onSaved, editable }: SectionProps) {
  const [file, setFile] = useState<PickedBinaryFile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);

  const pick = (f: PickedBinaryFile | null) => {
    setProblems([]);
    setError(f ? pointFileProblem(f) : null);
    setFile(f);
  };
  const run = async () => {
    if (!file || busy) return;
    const problem = pointFileProblem(file);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    setProblems([]);
    try {
      const r = await onboardApi.importPoints(view.id, { fileName: file.name, contentBase64: await file.readBase64(), version: view.version });
      toast(`已导入 ${r.imported} 个测点`, 'success');
      setFile(null);
      onSaved(await onboardApi.setup(view.id));
    } catch (e) {
      setError(errorMessage(e));
      const listed = e instanceof ApiError ? (e.data as { errors?: Problem[] } | undefined)?.errors : undefined;
      setProblems(listed ?? []);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card pit-setup-section' id='setup-import'>
      <View className='pit-title'>测点（{view.pointCount} 个）</View>
      {view.points.length ? (
        <View id='setup-points' className='pit-note'>
          {view.points.slice(0, 12).map((p) => p.code).join('、')}
          {view.points.length > 12 ? ` 等 ${view.points.length} 个` : ''}
        </View>
      ) : null}
      {editable ? (
        <View>
          <View className='pit-note'>表格列：code, item, name, initial_m, pipe_top_m, initial_e, initial_n, azimuth_deg, K, f0, T0, B, initial_reading, capacity_kN；只填数值，不要公式。</View>
          <SpreadsheetPicker id='setup-import' what='测点表格' file={file} onPick={pick} onError={setError} />
          <ErrorText id='setup-import-error' message={error} />
          {problems.length ? (
            <View id='setup-import-problems'>
              {problems.slice(0, 20).map((p, i) => (
                <View key={i} className='pit-note' data-row={p.row}>
                  {p.message}
                </View>
              ))}
            </View>
          ) : null}
          <Button id='setup-import-run' className='btn-block' type='primary' block loading={busy} disabled={!file} onClick={() => void run()}>
            导入测点
          </Button>
        </View>
      ) : null}
    </View>
  );
}
