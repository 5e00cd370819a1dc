// babel-preset-taro docs: https://docs.taro.zone/docs/babel-config
module.exports = {
  presets: [
    ['taro', { framework: 'react', ts: true, compiler: 'webpack5' }],
  ],
};
