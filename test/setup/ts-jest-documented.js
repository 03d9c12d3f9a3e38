// ts-jest for the files the @nestjs/swagger plugin reads. ts-jest keeps one configuration per jest
// project whatever the transform's own options, so a second ts-jest entry in the same project would
// silently reuse the first one's (isolated, plugin-less) compiler; this one presents ts-jest with a
// configuration of its own.
const { TsJestTransformer } = require('ts-jest');

const MARK = 'rural-funds:documented';

function createTransformer(options) {
  const inner = new TsJestTransformer(options);
  const marked = new WeakMap();
  const mark = (transformOptions) => {
    const { config } = transformOptions;
    let own = marked.get(config);
    if (!own) {
      own = { ...config, globals: { ...config.globals, [MARK]: true } };
      marked.set(config, own);
    }
    return { ...transformOptions, config: own };
  };
  return {
    canInstrument: false,
    getCacheKey: (source, path, transformOptions) => inner.getCacheKey(source, path, mark(transformOptions)),
    getCacheKeyAsync: (source, path, transformOptions) => inner.getCacheKeyAsync(source, path, mark(transformOptions)),
    process: (source, path, transformOptions) => inner.process(source, path, mark(transformOptions)),
    processAsync: (source, path, transformOptions) => inner.processAsync(source, path, mark(transformOptions)),
  };
}

module.exports = { createTransformer };
