export default definePageConfig({
  navigationBarTitleText: '批量导入专家',
});
