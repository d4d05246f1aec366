document.querySelectorAll('.filters button').forEach(function(b){b.addEventListener('click',function(){
 document.querySelectorAll('.filters button').forEach(function(x){x.classList.toggle('on',x===b)});
 document.querySelector('.flist').setAttribute('data-show',b.getAttribute('data-filter'));});});
document.querySelectorAll('.printbtn').forEach(function(b){b.addEventListener('click',function(){window.print()})});
