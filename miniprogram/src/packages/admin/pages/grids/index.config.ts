export default definePageConfig({ navigationBarTitleText: '网格与片长', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
