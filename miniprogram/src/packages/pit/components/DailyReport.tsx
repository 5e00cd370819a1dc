import { useState } from 'react';
import { Picker, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { ErrorText } from '../../../components/Page';
import { runWrite } from '../../../components/useFormSubmit';
import { session } from '../../../services/client';
import { joinUrl } from '../../../services/api';
import { apiBaseFor } from '../../../services/config';
import { beijingDate } from '../../../services/format';
import { dailyReportPath } from '../../../services/pit/api';
import { isH5, taroEnv, toast } from '../../../services/adapters/taro';
import { openPdf } from '../../../services/adapters/pit-files';

const base = apiBaseFor(taroEnv(), process.env.TARO_APP_API_BASE);

/**
 * 监测日报: pick a day (Beijing; today by default, none after today or before the project's first data) and
 * get its PDF — saved on H5, opened in WeChat's document viewer in the mini-program. Ids for tests:
 * `#pit-report-date` (`data-date`), `#pit-report-open`, `#pit-report-error`.
 */
export function DailyReport({ projectId, projectName, firstDate }: { projectId: string; projectName: string; firstDate: string | null | undefined }) {
  const today = beijingDate(new Date());
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState<'open' | null>(null);
  const [error, setError] = useState<string | null>(null);

  if (firstDate === null) {
    return (
      <View id='pit-report' className='card pit-report'>
        <View className='pit-report-title'>监测日报</View>
        <View className='muted'>本项目尚无已接收的监测数据，暂不能生成日报</View>
      </View>
    );
  }

  const open = () =>
    runWrite('open', { setBusy, setError }, async () => {
      await openPdf(joinUrl(base, dailyReportPath(projectId, date)), session.getToken(), `${projectName}-监测日报-${date}.pdf`);
      if (isH5()) toast('日报已下载');
    });

  return (
    <View id='pit-report' className='card pit-report'>
      <View className='pit-report-title'>监测日报（PDF）</View>
      <View className='row pit-report-row'>
        <Picker
          mode='date'
          value={date}
          start={firstDate ?? undefined}
          end={today}
          onChange={(e) => {
            setDate(e.detail.value);
            setError(null);
          }}
        >
          <View id='pit-report-date' className='pit-report-date' data-date={date}>
            <Text className='pit-nowrap'>{date}</Text>
            <Text className='pit-report-arrow'>›</Text>
          </View>
        </Picker>
        <View className='spacer' />
        <Button id='pit-report-open' type='primary' loading={busy !== null} onClick={() => void open()}>
          {isH5() ? '下载日报' : '打开日报'}
        </Button>
      </View>
      <ErrorText id='pit-report-error' message={error} />
    </View>
  );
}
