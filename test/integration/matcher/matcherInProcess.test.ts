import { describeMatcherScenarios } from './scenarios.js';

describeMatcherScenarios('in-process');
