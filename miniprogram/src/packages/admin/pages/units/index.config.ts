export default definePageConfig({ navigationBarTitleText: '责任单位与分派表', enablePullDownRefresh: true, backgroundTextStyle: 'dark' });
