import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ApiError, errorMessage } from '../../../services/api';
import { api } from '../../../services/client';
import { hashBytes, putBytes, readFileBytes } from '../../../services/adapters/pit-media';
import { isH5 } from '../../../services/adapters/taro';
import { FileBox } from '../../../components/file-picker';

const MAX_PDF_BYTES = 20 * 1024 * 1024;

/** Stores a PDF by its content (hash → upload slot → PUT → complete) and answers its SHA-256. */
async function storePdf(bytes: Uint8Array): Promise<string> {
  if (bytes.length < 5 || String.fromCharCode(...Array.from(bytes.subarray(0, 5))) !== '%PDF-') throw new ApiError('unsupported_type', 400, '请选择 PDF 文件');
  if (bytes.length > MAX_PDF_BYTES) throw new ApiError('file_too_large', 413, '文件超过 20 MB，请压缩后再传');
  const sha256 = await hashBytes(bytes);
  const start = await api.post<{ uploadUrl: string | null; alreadyStored: boolean }>('/api/uploads', { sha256, size: bytes.length, contentType: 'application/pdf', purpose: 'document' });
  if (!start.alreadyStored) {
    if (!start.uploadUrl) throw new ApiError('bad_response', 500, '未获得上传地址，请重试');
    const status = await putBytes(start.uploadUrl, bytes, 'application/pdf');
    if (status < 200 || status >= 300) throw new ApiError('upload_failed', status, `文件上传失败（HTTP ${status}），请重试`);
    await api.post('/api/uploads/complete', { sha256, purpose: 'document' });
  }
  return sha256;
}

/**
 * One PDF document of a scheme version (方案, 计算书, 图纸): H5 from the page's file input, the mini-program from a
 * WeChat chat. Ids: `#<id>-input` (H5), `#<id>-pick` (weapp), `#<id>-state` (`data-sha` once stored).
 */
export function PdfPicker({ id, label, onStored }: { id: string; label: string; onStored: (sha: string | null) => void }) {
  const [state, setState] = useState<{ name: string; sha: string | null; busy: boolean; error: string | null }>({ name: '', sha: null, busy: false, error: null });
  const take = async (name: string, read: () => Promise<Uint8Array>) => {
    setState({ name, sha: null, busy: true, error: null });
    onStored(null);
    try {
      const sha = await storePdf(await read());
      setState({ name, sha, busy: false, error: null });
      onStored(sha);
    } catch (e) {
      setState({ name, sha: null, busy: false, error: errorMessage(e) });
    }
  };
  const pickWeapp = async () => {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] }).catch(() => null);
    const f = res?.tempFiles[0];
    if (f) await take(f.name, () => readFileBytes(f.path));
  };
  return (
    <View className='review-pdf'>
      <Text className='review-pdf-label'>{label}</Text>
      {isH5() ? (
        <FileBox id={id} label={state.sha ? '重新选择 PDF' : '选择 PDF 文件'} accept='application/pdf' onFile={(f) => {
          if (f) void take(f.name, async () => new Uint8Array(await f.arrayBuffer()));
        }} />
      ) : (
        <View id={`${id}-pick`} className='review-link' onClick={() => void pickWeapp()}>从微信聊天选择 PDF</View>
      )}
      <View id={`${id}-state`} className='muted' data-sha={state.sha ?? ''} data-busy={state.busy ? '1' : '0'}>
        {state.busy ? '正在上传…' : state.sha ? `已上传：${state.name}` : state.error ?? '未选择'}
      </View>
    </View>
  );
}
