// Enhancements only: every page works without this script.
(function () {
  "use strict";
}());
