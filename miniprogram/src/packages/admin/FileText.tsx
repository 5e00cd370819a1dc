import { Textarea, View } from '@tarojs/components';
import { chooseChatFile } from '../../services/adapters/pit-files';
import { toast } from '../../services/adapters/taro';

/**
 * A file's text: pasted into the box (H5, PC console, tests) or, in WeChat, read from a file sent in a chat
 * (the only files a mini-program can open).
 */
export function FileText({ id, value, placeholder, onChange }: { id: string; value: string; placeholder: string; onChange: (text: string) => void }) {
  const pick = async () => {
    try {
      const f = await chooseChatFile();
      if (f) onChange(await f.read());
    } catch (e) {
      toast((e as Error).message);
    }
  };
  return (
    <View>
      <Textarea id={id} className='admin-textarea' value={value} maxlength={-1} placeholder={placeholder} onInput={(e) => onChange(e.detail.value)} />
      {process.env.TARO_ENV === 'weapp' ? (
        <View className='admin-btn admin-btn--plain' onClick={() => void pick()}>
          从微信聊天选择文件
        </View>
      ) : null}
    </View>
  );
}
