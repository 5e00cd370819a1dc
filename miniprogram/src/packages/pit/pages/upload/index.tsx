import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../../components/Page';
import { useFormSubmit } from '../../../../components/useFormSubmit';
import { useRecordWithPolicies } from '../../../../components/useRecordLoader';
import { errorMessage } from '../../../../services/api';
import { formatTime } from '../../../../services/format';
import { PIT_PAGES, type PitPointRow, type PitProjectDetail, type PitUploadOutcome, type UploadFormat } from '../../../../services/pit/api';
import { UPLOAD_FORMAT_SPECS, observedAtIso, observedAtProblem, uploadFileProblem, uploadFormatSpec } from '../../../../services/pit/form-rules';
import { UPLOAD_STATUS_LABELS, formatValue, itemUnits, rateParts } from '../../../../services/pit/view-model';
import { beijingDate, beijingTime } from '../../../../services/format';
import { pageParam } from '../../../../services/links';
import { isH5, navigateTo, toast } from '../../../../services/adapters/taro';
import { scrollToTop } from '../../../../services/adapters/pit-media';
import { chooseChatFile, h5TextFile, type PickedTextFile } from '../../../../services/adapters/pit-files';
import { FileBox } from '../../../../components/file-picker';
import { RateUnjudgedNote } from '../../components/RateUnjudgedNote';
import { LevelBadge } from '../../components/LevelBadge';
import { Qty } from '../../components/Qty';
import { RecordPage } from '../../components/RecordPage';
import { PIT_UPLOAD_MAX_BYTES } from '@cityloop/shared/pit/domain/upload-limits';
import { pitApi } from '../../pitApi';
import '../../pit.scss';
import './index.scss';

const fileSize = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(2)} MB`);

/** What became of the file: accepted with each point's value and rate (with units), held or rejected with the reason. */
function Outcome({ u, points, projectId, now }: { u: PitUploadOutcome; points: PitPointRow[]; projectId: string; now: Date }) {
  const open = (url: string) => void navigateTo(url).catch(() => toast('页面打开失败'));
  return (
    <View id='pit-upload-outcome' className={`card pit-upload-outcome pit-upload-outcome--${u.status}`} data-status={u.status} data-id={u.id}>
      <View className='row'>
        <View className='pit-title spacer'>上传结果</View>
        <Text id='pit-upload-outcome-status' className='pit-upload-outcome-status'>
          {UPLOAD_STATUS_LABELS[u.status] ?? u.status}
        </Text>
      </View>
      {u.duplicate ? <View className='pit-sub'>此文件此前已上传过（第 {u.seq} 份），未重复入库，以下是当时的结果</View> : null}
      <View className='pit-sub'>
        第 {u.seq} 份 · 观测 {formatTime(u.observedAt, now)} · 接收 {formatTime(u.receivedAt, now)}
      </View>
      {u.reason ? (
        <View id='pit-upload-outcome-reason' className='pit-upload-outcome-reason'>
          {u.reason}
        </View>
      ) : null}
      {u.results.length ? (
        <View id='pit-upload-results' className='pit-table pit-upload-results'>
          <View className='pit-tr pit-th'>
            <View className='pit-td'>测点</View>
            <View className='pit-td pit-td--num'>累计值</View>
            <View className='pit-td pit-td--num'>速率</View>
            <View className='pit-upload-level' />
          </View>
          {u.results.map((r) => {
            const pt = points.find((x) => x.code === r.point);
            return (
              <View key={r.point} className='pit-tr pit-upload-result-row' data-point={r.point} data-level={r.level}>
                <View className='pit-td pit-strong'>{r.point}</View>
                <View className='pit-td pit-td--num pit-upload-result-value'>
                  <Qty text={formatValue(r.value, pt?.unit ?? r.unit ?? '')} />
                </View>
                <View className='pit-td pit-td--num pit-upload-result-rate'>
                  <Qty {...rateParts(r, pt ? itemUnits(pt.item).rateUnit : '')} />
                </View>
                <View className='pit-upload-level'>
                  <LevelBadge level={r.level} short />
                </View>
              </View>
            );
          })}
        </View>
      ) : null}
      <RateUnjudgedNote rows={u.results} id='pit-upload-rate-note' />
      {u.alarms.length ? (
        <View id='pit-upload-alarms' className='pit-upload-outcome-alarms' onClick={() => open(PIT_PAGES.alarms(projectId))}>
          触发报警 {u.alarms.length} 条，已通知各参建单位和监管部门 ›
        </View>
      ) : null}
      <View id='pit-upload-records' className='pit-sub pit-link' onClick={() => open(PIT_PAGES.uploads(projectId))}>
        查看全部上传记录 ›
      </View>
    </View>
  );
}

/**
 * 上传原始数据 (the project's monitoring unit): the format, the raw file (H5: a file input; weapp: a file from
 * a WeChat chat), for leveling files the observation time in Beijing time; the platform solves and judges at
 * once and the answer is shown here. Files over 5 MB are refused before sending.
 */
export default function PitUpload() {
  const projectId = pageParam(useRouter().params.projectId);
  const { data: project, policies, error, retry } = useRecordWithPolicies<PitProjectDetail>(projectId, '缺少项目编号', (key) => pitApi.project(key));
  const { busy, formError, setFormError, send, edited } = useFormSubmit<'upload'>(async () => undefined);
  const [format, setFormat] = useState<UploadFormat>('gsi');
  const [file, setFile] = useState<PickedTextFile | null>(null);
  const [date, setDate] = useState(() => beijingDate(new Date()));
  const [time, setTime] = useState(() => beijingTime(new Date()));
  const [outcome, setOutcome] = useState<PitUploadOutcome | null>(null);
  const spec = uploadFormatSpec(format);
  const now = new Date();

  const pick = (f: PickedTextFile | null) => {
    const problem = f ? uploadFileProblem(f) : null;
    setFile(problem ? null : f);
    setFormError(problem);
  };

  const pickWeapp = async () => {
    try {
      const f = await chooseChatFile();
      if (f) pick(f);
    } catch (e) {
      setFormError(errorMessage(e));
    }
  };

  const submit = async () => {
    if (busy) return;
    const problem = uploadFileProblem(file) ?? observedAtProblem(format, date, time, new Date());
    if (problem || !file) {
      setFormError(problem);
      return;
    }
    setOutcome(null);
    await send('upload', async () => {
      const text = await file.read();
      const r = await pitApi.upload(projectId, { format, text, ...(spec.needsTime ? { observedAt: observedAtIso(date, time) } : {}) });
      setOutcome(r);
      setFile(null);
      toast(r.duplicate ? '此文件此前已上传' : `上传完成：${UPLOAD_STATUS_LABELS[r.status] ?? r.status}`);
      scrollToTop();
    });
  };

  return (
    <RecordPage className='pit-upload-page' record={project} error={error} onRetry={retry}>
      {(p) => (
        <>
          <View className='card'>
            <View id='pit-upload-project' className='pit-title'>
              {p.name}
            </View>
            <View className='pit-sub'>监测单位：{p.parties.monitor?.org ?? '—'}</View>
          </View>

          {outcome ? <Outcome u={outcome} points={p.points} projectId={p.id} now={now} /> : null}

          {policies['pit.upload'] ? (
            <View id='pit-upload-form' className='card'>
              <View className='pit-form-label'>数据格式</View>
              <View className='pit-upload-formats'>
                {UPLOAD_FORMAT_SPECS.map((s) => (
                  <View
                    key={s.format}
                    id={`pit-upload-format-${s.format}`}
                    className={`pit-upload-format${s.format === format ? ' pit-upload-format--on' : ''}`}
                    data-on={s.format === format ? 'true' : 'false'}
                    onClick={() => edited(setFormat)(s.format)}
                  >
                    {s.label}
                  </View>
                ))}
              </View>
              <View id='pit-upload-format-hint' className='pit-note'>
                {spec.hint}
              </View>

              <View className='pit-form-label'>原始文件</View>
              {isH5() ? (
                <FileBox id='pit-upload-file' label={file ? '重新选择文件' : '选择文件'} onFile={(f) => pick(f ? h5TextFile(f) : null)} />
              ) : (
                <View>
                  <Button id='pit-upload-choose' className='btn-block' fill='outline' type='primary' onClick={() => void pickWeapp()}>
                    {file ? '重新选择文件' : '从微信聊天中选择文件'}
                  </Button>
                  <View className='pit-note'>请先把文件发到微信聊天（如“文件传输助手”），再从聊天记录中选择</View>
                </View>
              )}
              <View id='pit-upload-file' className='pit-upload-file' data-name={file?.name ?? ''}>
                {file ? (
                  <>
                    <Text className='pit-strong'>{file.name}</Text>
                    <Text className='muted pit-nowrap'> · {fileSize(file.size)}</Text>
                  </>
                ) : (
                  <Text className='muted'>{`未选择文件（不超过 ${PIT_UPLOAD_MAX_BYTES / 1024 / 1024} MB）`}</Text>
                )}
              </View>

              <View className='pit-form-label'>观测时间（北京时间）</View>
              {spec.needsTime ? (
                <View className='row pit-upload-time'>
                  <Picker mode='date' value={date} end={beijingDate(now)} onChange={(e) => edited(setDate)(e.detail.value)}>
                    <View id='pit-upload-date' className='pit-upload-picker' data-value={date}>
                      {date}
                    </View>
                  </Picker>
                  <Picker mode='time' value={time} onChange={(e) => edited(setTime)(e.detail.value)}>
                    <View id='pit-upload-time' className='pit-upload-picker' data-value={time}>
                      {time}
                    </View>
                  </Picker>
                </View>
              ) : (
                <View id='pit-upload-time-in-file' className='muted'>
                  取自文件中每条记录的时间
                </View>
              )}

              <ErrorText id='pit-upload-error' message={formError} />
              <Button id='pit-upload-submit' className='btn-block pit-upload-submit' type='primary' loading={busy !== null} onClick={() => void submit()}>
                上传并解算
              </Button>
            </View>
          ) : (
            <View id='pit-upload-denied' className='card pit-empty'>
              只有本项目的监测单位可以上传原始数据
            </View>
          )}
        </>
      )}
    </RecordPage>
  );
}
