export default definePageConfig({ navigationBarTitleText: '消防检测预警' });
