// Card form helpers for the local test-mode checkout: groups the card number as it is
// typed, shows the card brand, and adds the slash to the expiry. No card data leaves
// the page from here; the form posts to the app's own handler.
(function () {
  var BRANDS = [
    ["amex", /^3[47]/],
    ["visa", /^4/],
    ["mastercard", /^(5[1-5]|2[2-7])/],
    ["discover", /^6(011|5)/],
  ];
  function brandOf(digits) {
    for (var i = 0; i < BRANDS.length; i++) if (BRANDS[i][1].test(digits)) return BRANDS[i][0];
    return "";
  }
  function groups(digits, brand) {
    var sizes = brand === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
    var out = [], at = 0;
    for (var i = 0; i < sizes.length && at < digits.length; i++) {
      out.push(digits.slice(at, at + sizes[i]));
      at += sizes[i];
    }
    return out.join(" ");
  }
  function formatNumber(input) {
    var digits = input.value.replace(/\D/g, "").slice(0, 19);
    var brand = brandOf(digits);
    var text = groups(digits, brand);
    if (text !== input.value) input.value = text;
    var icon = document.getElementById("card-brand");
    if (icon) {
      icon.setAttribute("data-brand", brand);
      icon.setAttribute("aria-label", brand);
    }
  }
  function formatExpiry(input, event) {
    if (event.inputType && event.inputType.indexOf("delete") === 0) return;
    var digits = input.value.replace(/\D/g, "").slice(0, 4);
    if (digits.length === 1 && digits > "1") digits = "0" + digits;
    var text = digits.length > 2 ? digits.slice(0, 2) + "/" + digits.slice(2) : digits;
    if (digits.length === 2) text += "/";
    if (text !== input.value) input.value = text;
  }
  document.addEventListener("input", function (event) {
    var target = event.target;
    if (!target || !target.id) return;
    if (target.id === "card-number") formatNumber(target);
    else if (target.id === "card-expiry") formatExpiry(target, event);
    else if (target.id === "card-cvc") target.value = target.value.replace(/\D/g, "").slice(0, 4);
  });
  window.castyouCheckoutReady = true;
})();
