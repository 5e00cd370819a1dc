import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '../../services/api';
import { chooseChatSpreadsheet, h5BinaryFile, type PickedBinaryFile } from '../../services/adapters/pit-files';
import { isH5 } from '../../services/adapters/taro';
import './index.scss';

/**
 * A box in our own words over the browser's file input (H5 only), whose own button and "no file chosen" speak the
 * browser's language, not the user's. `#<id>-input` is the input (tests set files on it), `#<id>-box` the box. The
 * input is emptied once the file is handed over (the File stays readable), so choosing the same file again is seen.
 */
export function FileBox({ id, label, accept, onFile }: { id: string; label: string; accept?: string; onFile: (f: File | null) => void }) {
  return (
    <View id={`${id}-box`} className='cl-file-box'>
      <Text>{label}</Text>
      <input id={`${id}-input`} className='cl-file-input' type='file' accept={accept} onChange={(e) => {
          const input = e.currentTarget;
          onFile(input.files?.[0] ?? null);
          input.value = '';
        }} />
    </View>
  );
}

/**
 * Choosing an xlsx/CSV sheet: from a WeChat chat in the mini-program, through a `FileBox` in a browser.
 * `#<id>-input` is the browser's input, `#<id>-choose` the WeChat button, `#<id>-file` the chosen file's name.
 */
export function SpreadsheetPicker({ id, what, file, onPick, onError }: { id: string; what: string; file: PickedBinaryFile | null; onPick: (f: PickedBinaryFile | null) => void; onError: (message: string) => void }) {
  return (
    <View className='cl-sheet-picker'>
      {isH5() ? (
        <FileBox id={id} label={file ? `重新选择${what}` : `选择${what}`} accept='.xlsx,.xls,.csv' onFile={(f) => onPick(f ? h5BinaryFile(f) : null)} />
      ) : (
        <Button id={`${id}-choose`} className='btn-block' fill='outline' type='primary' onClick={() => void chooseChatSpreadsheet().then(onPick, (e) => onError(errorMessage(e)))}>
          {`从微信聊天中选择${what}`}
        </Button>
      )}
      <View id={`${id}-file`} className='muted cl-sheet-file' data-name={file?.name ?? ''}>
        {file ? file.name : '未选择文件'}
      </View>
    </View>
  );
}
