import { describeMatcherScenarios } from './scenarios.js';

describeMatcherScenarios('redis');
